package export

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// cellsText is the graphemes of line y, continuation cells left out.
func cellsText(g *Grid, y int) string {
	var b strings.Builder
	for x := range g.W {
		b.WriteString(g.At(x, y).Grapheme)
	}
	return b.String()
}

func TestParseColors(t *testing.T) {
	cases := []struct {
		name  string
		frame string
		want  Style // of the cell holding "A"
	}{
		{"plain", "A", Style{}},
		{"ansi fg", "\x1b[31mA", Style{FG: Indexed(1)}},
		{"bright fg", "\x1b[91mA", Style{FG: Indexed(9)}},
		{"ansi bg", "\x1b[44mA", Style{BG: Indexed(4)}},
		{"bright bg", "\x1b[107mA", Style{BG: Indexed(15)}},
		{"256 fg", "\x1b[38;5;208mA", Style{FG: Indexed(208)}},
		{"256 bg colon", "\x1b[48:5:16mA", Style{BG: Indexed(16)}},
		{"truecolor fg", "\x1b[38;2;1;2;3mA", Style{FG: RGB(1, 2, 3)}},
		{"truecolor bg", "\x1b[48;2;250;128;0mA", Style{BG: RGB(250, 128, 0)}},
		{"truecolor colon with colour space", "\x1b[38:2::10:20:30mA", Style{FG: RGB(10, 20, 30)}},
		{"truecolor colon", "\x1b[38:2:10:20:30mA", Style{FG: RGB(10, 20, 30)}},
		{"truecolor then bold in one sequence", "\x1b[38;2;1;2;3;1mA", Style{FG: RGB(1, 2, 3), Attrs: Bold}},
		{"attributes", "\x1b[1;2;3;4;7;9mA", Style{Attrs: Bold | Faint | Italic | Underline | Reverse | Strikethrough}},
		{"reset", "\x1b[1;31;42m\x1b[0mA", Style{}},
		{"empty reset", "\x1b[1;31m\x1b[mA", Style{}},
		{"bold off", "\x1b[1;2m\x1b[22mA", Style{}},
		{"reverse off", "\x1b[7m\x1b[27mA", Style{}},
		{"fg default", "\x1b[31;42m\x1b[39mA", Style{BG: Indexed(2)}},
		{"bg default", "\x1b[31;42m\x1b[49mA", Style{FG: Indexed(1)}},
		{"underline colour skipped", "\x1b[58;2;9;9;9;4mA", Style{Attrs: Underline}},
		{"bad 256 index ignored", "\x1b[38;5;300mA", Style{}},
		{"bad truecolor ignored", "\x1b[38;2;1;2mA", Style{}},
		{"carries across lines", "\x1b[32m\nA", Style{FG: Indexed(2)}},
		{"8-bit CSI", "\x9b31mA", Style{FG: Indexed(1)}},
		{"private CSI m is not SGR", "\x1b[>4;2mA", Style{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := Parse(c.frame)
			for i, cell := range g.Cells {
				if cell.Grapheme == "A" {
					if cell.Style != c.want {
						t.Errorf("style = %+v, want %+v", cell.Style, c.want)
					}
					return
				}
				_ = i
			}
			t.Fatalf("no cell holds A in %q (grid %dx%d)", c.frame, g.W, g.H)
		})
	}
}

func TestResolveColors(t *testing.T) {
	th := Dark()
	cases := []struct {
		c    Color
		want color.RGBA
	}{
		{Color{}, th.FG},
		{Indexed(1), th.ANSI[1]},
		{Indexed(15), th.ANSI[15]},
		{Indexed(16), color.RGBA{0, 0, 0, 255}},
		{Indexed(196), color.RGBA{255, 0, 0, 255}},
		{Indexed(208), color.RGBA{255, 135, 0, 255}},
		{Indexed(231), color.RGBA{255, 255, 255, 255}},
		{Indexed(232), color.RGBA{8, 8, 8, 255}},
		{Indexed(255), color.RGBA{238, 238, 238, 255}},
		{RGB(1, 2, 3), color.RGBA{1, 2, 3, 255}},
	}
	for _, c := range cases {
		if got := th.resolve(c.c, th.FG); got != c.want {
			t.Errorf("resolve(%+v) = %v, want %v", c.c, got, c.want)
		}
	}
	fg, bg := th.colors(Style{FG: RGB(1, 2, 3), Attrs: Reverse})
	if fg != th.BG || bg != (color.RGBA{1, 2, 3, 255}) {
		t.Errorf("reverse: fg %v bg %v, want %v and 1,2,3", fg, bg, th.BG)
	}
	if l := Light(); l.BG == th.BG || l.ANSI == th.ANSI {
		t.Error("light and dark themes are the same")
	}
}

func TestParseWide(t *testing.T) {
	g := Parse("a中b\x1b[31m文")
	if g.W != 6 || g.H != 1 {
		t.Fatalf("grid %dx%d, want 6x1", g.W, g.H)
	}
	want := []struct {
		g string
		w int
	}{{"a", 1}, {"中", 2}, {"", 0}, {"b", 1}, {"文", 2}, {"", 0}}
	for x, w := range want {
		c := g.At(x, 0)
		if c.Grapheme != w.g || c.Width != w.w {
			t.Errorf("cell %d = %q width %d, want %q width %d", x, c.Grapheme, c.Width, w.g, w.w)
		}
	}
	if !g.At(5, 0).IsContinuation() || g.At(5, 0).Style.FG != Indexed(1) {
		t.Errorf("continuation cell %+v should carry the wide cell's style", g.At(5, 0))
	}
	// A combining mark joins its base; an emoji with a variation selector is
	// one wide grapheme.
	g = Parse("e\u0301x❤\ufe0f")
	if cellsText(g, 0) != "e\u0301x❤\ufe0f" || g.At(0, 0).Grapheme != "e\u0301" {
		t.Errorf("graphemes: %q", cellsText(g, 0))
	}
}

func TestParseShortAndLongLines(t *testing.T) {
	g := Parse("ab\r\nabcd\n")
	if g.W != 4 || g.H != 3 {
		t.Fatalf("grid %dx%d, want 4x3 (a final newline starts an empty line, as in a View)", g.W, g.H)
	}
	if got := cellsText(g, 0); got != "ab  " {
		t.Errorf("line 0 = %q, want padded %q", got, "ab  ")
	}
	if got := cellsText(g, 2); got != "    " {
		t.Errorf("line 2 = %q, want blank", got)
	}
	if g.At(3, 0).Style != (Style{}) {
		t.Errorf("padding has style %+v", g.At(3, 0).Style)
	}

	g = ParseSize("abcdef\nxyz\n1\n2\n3", 3, 2)
	if g.W != 3 || g.H != 2 || len(g.Cells) != 6 {
		t.Fatalf("grid %dx%d with %d cells, want 3x2", g.W, g.H, len(g.Cells))
	}
	if cellsText(g, 0) != "abc" || cellsText(g, 1) != "xyz" {
		t.Errorf("clipped lines %q %q", cellsText(g, 0), cellsText(g, 1))
	}
	g = ParseSize("ab中", 3, 1)
	if c := g.At(2, 0); c.Grapheme != " " || c.Width != 1 {
		t.Errorf("a wide grapheme cut by the edge should become a blank, got %+v", c)
	}
}

func TestParseSkipsOtherEscapes(t *testing.T) {
	frame := "\x1b[2J\x1b[Ha\x1b[10;10Hb\x1b]0;title\x07c\x1b]8;;https://example.com\x1b\\d\x1b]8;;\x1b\\\x1b[?25le\x1b(Bf\x07\x08g\th"
	g := Parse(frame)
	if got := strings.TrimRight(cellsText(g, 0), " "); got != "abcdefg h" {
		t.Errorf("text = %q, want %q", got, "abcdefg h")
	}
	if g.At(8, 0).Grapheme != "h" {
		t.Errorf("a tab should move to column 8; h is not there: %q", cellsText(g, 0))
	}
}

func TestTextEqualsStrippedFrame(t *testing.T) {
	frame := dashboardFrame()
	var b bytes.Buffer
	if err := WriteText(&b, Parse(frame)); err != nil {
		t.Fatal(err)
	}
	want := strings.Split(ansi.Strip(frame), "\n")
	got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
	for i := range want {
		if w := strings.TrimRight(want[i], " "); got[i] != w {
			t.Errorf("line %d:\n got %q\nwant %q", i, got[i], w)
		}
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("plain text has an escape character")
	}
}

func TestDashboardFrameIs160x48(t *testing.T) {
	g := Parse(dashboardFrame())
	if g.W != 160 || g.H != 48 {
		t.Fatalf("benchmark frame is %dx%d, want 160x48", g.W, g.H)
	}
}

func TestANSIRoundTrip(t *testing.T) {
	frame := dashboardFrame() + "\n\x1b[38;5;208;48;2;1;2;3;1;3;4;7;9mX\x1b[0m \x1b[2;8mhidden\x1b[0m"
	g := Parse(frame)
	var b bytes.Buffer
	if err := WriteANSI(&b, g); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasSuffix(out, "\x1b[0m") {
		t.Errorf("ANSI output does not end with a reset: %q", out[len(out)-20:])
	}
	back := ParseSize(out, g.W, g.H)
	for i := range g.Cells {
		if g.Cells[i] != back.Cells[i] {
			t.Fatalf("cell %d,%d: %+v after the round trip, want %+v", i%g.W, i/g.W, back.Cells[i], g.Cells[i])
		}
	}
	var again bytes.Buffer
	WriteANSI(&again, back)
	if again.String() != out {
		t.Error("normalised ANSI is not stable: writing it again changed it")
	}
}

func TestFileName(t *testing.T) {
	at := timeAt(2026, 11, 27, 11, 42, 5)
	cases := []struct {
		view, scenario, ext, want string
	}{
		{"dashboard", "base", "png", "dashboard-base-20261127-114205.png"},
		{"Dashboard", "Bear case (2016 launch)!", ".svg", "dashboard-bear-case-2016-launch-20261127-114205.svg"},
		{"projection", "", "txt", "projection-20261127-114205.txt"},
		{"sources", "../../etc/passwd", "ansi", "sources-etc-passwd-20261127-114205.ansi"},
		{"", "Über", "png", "view-ber-20261127-114205.png"},
	}
	for _, c := range cases {
		if got := FileName(c.view, c.scenario, at, c.ext); got != c.want {
			t.Errorf("FileName(%q, %q, %q) = %q, want %q", c.view, c.scenario, c.ext, got, c.want)
		}
	}
	long := FileName("x", strings.Repeat("ab-", 100), at, "png")
	for _, r := range strings.TrimSuffix(long, ".png") {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			t.Fatalf("%q has %q", long, r)
		}
	}
	if len(long) > 80 {
		t.Errorf("a long scenario name gives a %d-byte file name", len(long))
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "\n", "a\r\nb", "\x1b[1;38;2;1;2;3mx\x1b[0m", "\x1b[38:2::1:2:3m", "中文\x1b[7m", "e\u0301",
		"\x1b]8;;x\x1b\\y", "\x1b[", "\x1b]0;unterminated", "\xff\xfe", "\t\t\tx", "\x9b1m\x9d0;x\x07",
		"\x1b[" + strings.Repeat("1;", 100) + "m", "\x1b[38;5m", "\x1b[48;2m", "\u200b\u0301",
		dashboardFrame(),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, g := range []*Grid{Parse(s), ParseSize(s, 7, 3)} {
			if g.W < 0 || g.H < 0 || len(g.Cells) != g.W*g.H {
				t.Fatalf("grid %dx%d has %d cells", g.W, g.H, len(g.Cells))
			}
			for i, c := range g.Cells {
				switch {
				case c.Width < 0 || c.Width > 2:
					t.Fatalf("cell %d has width %d", i, c.Width)
				case c.Width == 0 && (i%g.W == 0 || g.Cells[i-1].Width != 2):
					t.Fatalf("continuation cell %d does not follow a wide cell", i)
				case c.Width == 2 && (i%g.W == g.W-1 || g.Cells[i+1].Width != 0):
					t.Fatalf("wide cell %d has no continuation", i)
				case c.Width > 0 && (c.Grapheme == "" || !utf8.ValidString(c.Grapheme)):
					t.Fatalf("cell %d grapheme %q", i, c.Grapheme)
				}
			}
		}
		g := ParseSize(s, 12, 3)
		if err := WriteText(io.Discard, g); err != nil {
			t.Fatal(err)
		}
		if err := WriteANSI(io.Discard, g); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := writeSVG(&b, g, Options{}, false); err != nil {
			t.Fatal(err)
		}
		if err := checkXML(b.Bytes()); err != nil {
			t.Fatalf("SVG is not valid XML: %v", err)
		}
		if _, err := Image(g, Options{Scale: 1}); err != nil {
			t.Fatal(err)
		}
	})
}

// checkXML decodes the whole document.
func checkXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func timeAt(y int, mo time.Month, d, h, mi, sec int) time.Time {
	return time.Date(y, mo, d, h, mi, sec, 0, time.UTC)
}
