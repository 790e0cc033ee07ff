package export

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// smallFrame is a fixed frame that exercises every part of the SVG: bold,
// faint, reverse, a background, an ANSI colour, box drawing next to text,
// characters XML must escape, a block and a wide grapheme.
//
// Its styled segments with text are, line by line:
//
//	0: "Title" (bold blue) · "dim" (faint)
//	1: "red" (red) · " ok " (green background)
//	2: "rev" (reverse) · " a&b<c>" (default)
//	3: "█ 中 x" (yellow)
//
// so the SVG has 7 text runs, plus one <text> of its own for 中, which Go
// Mono lacks.
const smallFrame = "\x1b[1;38;2;122;162;247mTitle\x1b[0m \x1b[2mdim\x1b[0m\n" +
	"╭──╮ \x1b[31mred\x1b[0m \x1b[42m ok \x1b[0m\n" +
	"╰──╯ \x1b[7mrev\x1b[0m a&b<c>\n" +
	"\x1b[33m█ 中 x\x1b[0m"

// fontData hides the embedded fonts so that goldens stay readable.
var fontData = regexp.MustCompile(`base64,[A-Za-z0-9+/=]+`)

func TestSVGGolden(t *testing.T) {
	g := Parse(smallFrame)
	for _, th := range []Theme{Dark(), Light()} {
		var b bytes.Buffer
		if err := WriteSVG(&b, g, Options{Theme: th}); err != nil {
			t.Fatal(err)
		}
		got := fontData.ReplaceAll(b.Bytes(), []byte("base64,…"))
		golden(t, "small-"+th.Name+".svg.golden", got)
	}
	var txt, ans bytes.Buffer
	WriteText(&txt, g)
	WriteANSI(&ans, g)
	golden(t, "small.txt.golden", txt.Bytes())
	golden(t, "small.ansi.golden", ans.Bytes())
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/export -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; look at it, then go test ./ui/export -update\n got:\n%s", name, got)
	}
}

// svgText is a <text> element as encoding/xml decodes it.
type svgText struct {
	X      string `xml:"x,attr"`
	Fill   string `xml:"fill,attr"`
	Weight string `xml:"font-weight,attr"`
	Anchor string `xml:"text-anchor,attr"`
	Text   string `xml:",chardata"`
}

type svgDoc struct {
	XMLName xml.Name `xml:"svg"`
	Width   int      `xml:"width,attr"`
	Height  int      `xml:"height,attr"`
	Groups  []struct {
		ID    string    `xml:"id,attr"`
		Texts []svgText `xml:"text"`
		Rects []struct {
			Fill string `xml:"fill,attr"`
		} `xml:"rect"`
		Paths []struct {
			D string `xml:"d,attr"`
		} `xml:"path"`
	} `xml:"g"`
}

func TestSVGTextRuns(t *testing.T) {
	g := Parse(smallFrame)
	var b bytes.Buffer
	if err := WriteSVG(&b, g, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc svgDoc
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("SVG does not decode: %v", err)
	}
	if doc.Width != g.W*CellWidth || doc.Height != g.H*CellHeight {
		t.Errorf("SVG is %dx%d, want %dx%d", doc.Width, doc.Height, g.W*CellWidth, g.H*CellHeight)
	}
	var runs, own []svgText
	var rects, paths int
	for _, grp := range doc.Groups {
		for _, tx := range grp.Texts {
			if tx.Anchor == "middle" {
				own = append(own, tx)
			} else {
				runs = append(runs, tx)
			}
		}
		if grp.ID == "backgrounds" {
			rects += len(grp.Rects)
		}
		paths += len(grp.Paths)
	}
	// A run spans its first to its last glyph; the shapes (box, block) and
	// 中 are drawn otherwise.
	wantRuns := []string{"Title", "dim", "red", "ok", "rev", "a&b<c>", "x"}
	var got []string
	for _, r := range runs {
		got = append(got, r.Text)
	}
	if strings.Join(got, "|") != strings.Join(wantRuns, "|") {
		t.Errorf("text runs %q, want one per styled segment: %q", got, wantRuns)
	}
	if len(own) != 1 || own[0].Text != "中" {
		t.Errorf("graphemes drawn by the viewer's fonts: %+v, want just 中", own)
	}
	// One x per character, one cell apart: the first run starts at 0.
	if xs := strings.Fields(runs[0].X); len(xs) != 5 || xs[0] != "0" || xs[4] != "32" {
		t.Errorf("x positions of %q: %q", runs[0].Text, runs[0].X)
	}
	if runs[0].Weight != "bold" || runs[0].Fill != "#7aa2f7" {
		t.Errorf("title run: %+v", runs[0])
	}
	// Backgrounds: " ok " (green) and "rev" (reverse: the default fg).
	if rects != 2 {
		t.Errorf("%d background rectangles, want 2", rects)
	}
	// Shapes: the box on lines 1 and 2, the block on line 3.
	if paths != 3 {
		t.Errorf("%d shape paths, want 3", paths)
	}
}

// render draws frame at scale 2 on the dark theme.
func render(t *testing.T, frame string) (*image.RGBA, *Grid) {
	t.Helper()
	g := Parse(frame)
	var b bytes.Buffer
	if err := WritePNG(&b, g, Options{}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	return rgba, g
}

const cw, ch = CellWidth * DefaultScale, CellHeight * DefaultScale

func TestPNGSize(t *testing.T) {
	img, g := render(t, smallFrame)
	if got, want := img.Bounds().Size(), image.Pt(g.W*CellWidth*2, g.H*CellHeight*2); got != want {
		t.Errorf("image is %v, want cells × cell size × 2 = %v", got, want)
	}
}

func TestPNGHorizontalLineIsContinuous(t *testing.T) {
	for _, r := range []string{"─", "━", "═"} {
		img, _ := render(t, " "+strings.Repeat(r, 6)+" ")
		fg := Dark().FG
		// Find the rows the line covers in the middle of the first cell,
		// then check every pixel of them from the first cell's left edge to
		// the last cell's right edge.
		var rows []int
		for y := range ch {
			if img.RGBAAt(cw+cw/2, y) == fg {
				rows = append(rows, y)
			}
		}
		if len(rows) == 0 {
			t.Fatalf("%s: no line found", r)
		}
		for _, y := range rows {
			for x := cw; x < 7*cw; x++ {
				if got := img.RGBAAt(x, y); got != fg {
					t.Fatalf("%s: pixel (%d,%d) = %v, want the line's %v: gap at cell boundary %v", r, x, y, got, fg, x%cw == 0 || x%cw == cw-1)
				}
			}
		}
		// And the line does not spill into the blank cells either side.
		for _, y := range rows {
			if img.RGBAAt(cw-1, y) != Dark().BG || img.RGBAAt(7*cw, y) != Dark().BG {
				t.Errorf("%s: the line leaves its cells", r)
			}
		}
	}
}

func TestPNGVerticalLineIsContinuous(t *testing.T) {
	img, _ := render(t, "│\n│\n┼\n│")
	fg := Dark().FG
	x := cw / 2
	for y := range 4 * ch {
		if got := img.RGBAAt(x, y); got != fg {
			t.Fatalf("pixel (%d,%d) = %v: the vertical line has a gap", x, y, got)
		}
	}
}

func TestPNGBackground(t *testing.T) {
	img, _ := render(t, "a\x1b[48;2;10;20;30m \x1b[0mc\x1b[7md\x1b[0m\x1b[48;5;196mb")
	want := color.RGBA{10, 20, 30, 255}
	for y := range ch {
		for x := cw; x < 2*cw; x++ {
			if got := img.RGBAAt(x, y); got != want {
				t.Fatalf("cell background at (%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
	// Under a glyph, the background shows where the glyph does not: the
	// top corners of a b on 256-colour red.
	for _, x := range []int{4*cw + 1, 5*cw - 2} {
		if got := img.RGBAAt(x, 1); got != (color.RGBA{255, 0, 0, 255}) {
			t.Errorf("background of b at (%d,1) = %v, want red", x, got)
		}
	}
	if got := img.RGBAAt(2*cw+1, 1); got != Dark().BG {
		t.Errorf("the next cell's background is %v, want the theme's %v", got, Dark().BG)
	}
	// Reverse video: the background is the default foreground.
	if got := img.RGBAAt(3*cw+1, 1); got != Dark().FG {
		t.Errorf("reversed cell background %v, want %v", got, Dark().FG)
	}
}

func TestPNGFullBlockFillsItsCell(t *testing.T) {
	img, _ := render(t, " \x1b[31m█\x1b[0m ")
	want := Dark().ANSI[1]
	for y := range ch {
		for x := cw; x < 2*cw; x++ {
			if got := img.RGBAAt(x, y); got != want {
				t.Fatalf("█ at (%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
	if img.RGBAAt(cw-1, 0) != Dark().BG || img.RGBAAt(2*cw, ch-1) != Dark().BG {
		t.Error("█ spills out of its cell")
	}
}

func TestPNGArcReachesEdgeCentres(t *testing.T) {
	img, _ := render(t, "╭")
	fg, bg := Dark().FG, Dark().BG
	near := func(c color.RGBA) bool { return dist(c, fg) < 40 }
	// The horizontal and vertical strokes of ─ and │ pass through these
	// pixels; the arc must reach them at the right and bottom edges.
	lineY, lineX := (ch-2)/2, (cw-2)/2
	for _, p := range []image.Point{{cw - 1, lineY}, {cw - 1, lineY + 1}, {lineX, ch - 1}, {lineX + 1, ch - 1}} {
		if c := img.RGBAAt(p.X, p.Y); !near(c) {
			t.Errorf("╭ at %v = %v, want the foreground: the arc does not reach the edge", p, c)
		}
	}
	// It is an arc, not a corner: the corners of the cell stay empty.
	for _, p := range []image.Point{{0, 0}, {cw - 1, ch - 1}, {cw - 1, 0}, {0, ch - 1}, {lineX, lineY}} {
		if c := img.RGBAAt(p.X, p.Y); c != bg {
			t.Errorf("╭ at %v = %v, want the background", p, c)
		}
	}
	// And it joins a ─ to its right and a │ below.
	img, _ = render(t, "╭─\n│ ")
	for _, p := range []image.Point{{cw - 1, lineY}, {cw, lineY}, {lineX, ch - 1}, {lineX, ch}} {
		if c := img.RGBAAt(p.X, p.Y); !near(c) {
			t.Errorf("╭─/│ at %v = %v: the arc does not meet its neighbour", p, c)
		}
	}
}

func dist(a, b color.RGBA) int {
	abs := func(x int) int {
		if x < 0 {
			return -x
		}
		return x
	}
	return abs(int(a.R)-int(b.R)) + abs(int(a.G)-int(b.G)) + abs(int(a.B)-int(b.B))
}

func TestPNGTextStaysInItsCell(t *testing.T) {
	// Bold italic W is the widest glyph; nothing of it may reach the blank
	// cells either side.
	img, _ := render(t, " \x1b[1;3mW\x1b[0m \x1b[1;3;7mW\x1b[0m ")
	bg := Dark().BG
	for y := range ch {
		for _, x := range []int{0, cw - 1, 2 * cw, 3*cw - 1, 4 * cw, 5*cw - 1} {
			if img.RGBAAt(x, y) != bg {
				t.Fatalf("pixel (%d,%d) of a blank cell is painted: a glyph left its cell", x, y)
			}
		}
	}
}

func TestPNGMissingGlyphIsTofu(t *testing.T) {
	img, _ := render(t, "中")
	painted := 0
	for y := range ch {
		for x := range 2 * cw {
			if img.RGBAAt(x, y) != Dark().BG {
				painted++
			}
		}
	}
	// A hollow box: some pixels, but far from all of them.
	if painted == 0 || painted > cw*ch {
		t.Errorf("%d pixels painted for a glyph Go Mono lacks, want a hollow box", painted)
	}
}

func TestEveryShapeDraws(t *testing.T) {
	var runes []rune
	for r := rune(0x2500); r <= 0x259f; r++ {
		runes = append(runes, r)
	}
	for r := rune(0x2801); r <= 0x28ff; r++ {
		runes = append(runes, r)
	}
	runes = append(runes, []rune("●○◆◇◂▸◀▶▲▼■□▪⏎")...)
	for _, scale := range []int{1, 2, 3} {
		for _, r := range runes {
			sh, ok := shapeFor(string(r), CellWidth*scale, CellHeight*scale)
			if !ok {
				t.Fatalf("%c (%U) is not drawn as a shape", r, r)
			}
			m := rasterShape(sh, CellWidth*scale, CellHeight*scale)
			var sum int
			for _, a := range m.Pix {
				sum += int(a)
			}
			if sum == 0 {
				t.Errorf("%c (%U) draws nothing at scale %d", r, r, scale)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	g := Parse(dashboardFrame())
	for _, f := range []Format{Text, ANSI, SVG, PNG} {
		var a, b bytes.Buffer
		if err := Write(&a, g, f, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := Write(&b, Parse(dashboardFrame()), f, Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renders of the same frame differ", f)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"txt", "ansi", "svg", "png"} {
		f, err := ParseFormat(s)
		if err != nil || string(f) != s {
			t.Errorf("ParseFormat(%q) = %q, %v", s, f, err)
		}
	}
	if _, err := ParseFormat("jpeg"); err == nil {
		t.Error("ParseFormat accepts jpeg")
	}
}

func BenchmarkPNG160x48(b *testing.B) {
	frame := dashboardFrame()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePNG(&buf, Parse(frame), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVG160x48(b *testing.B) {
	frame := dashboardFrame()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteSVG(&buf, Parse(frame), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse160x48(b *testing.B) {
	frame := dashboardFrame()
	b.ReportAllocs()
	for b.Loop() {
		Parse(frame)
	}
}

// TestPNGPathsAgree checks that the indexed PNG (the usual path) and the
// RGB one (for frames of more than 256 colours) draw the same picture as
// Image, up to rounding in the blends at glyph edges.
func TestPNGPathsAgree(t *testing.T) {
	var gradient strings.Builder
	for i := range 320 {
		fmt.Fprintf(&gradient, "\x1b[48;2;%d;%d;100m%c", i%256, i/256*100, 'a'+i%26)
		if i%40 == 39 {
			gradient.WriteString("\x1b[0m\n")
		}
	}
	for name, frame := range map[string]string{"dashboard": dashboardFrame(), "gradient": gradient.String()} {
		g := Parse(frame)
		want, err := Image(g, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WritePNG(&b, g, Options{}); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		_, indexed := got.(*image.Paletted)
		if indexed != (name == "dashboard") {
			t.Errorf("%s: indexed PNG = %v", name, indexed)
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", name, got.Bounds(), want.Bounds())
		}
		worst := 0
		for y := range want.Rect.Dy() {
			for x := range want.Rect.Dx() {
				r, g, b, _ := got.At(x, y).RGBA()
				worst = max(worst, dist(color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}, want.RGBAAt(x, y)))
			}
		}
		if worst > 6 {
			t.Errorf("%s: the PNG differs from Image by up to %d", name, worst)
		}
	}
}
