package cli

import (
	"bytes"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRenderIsDeterministic(t *testing.T) {
	for _, args := range [][]string{
		{"render", "--view", "dashboard", "--size", "100x30", "--format", "png"},
		{"render", "--view", "uncertainty", "--size", "120x40", "--format", "svg", "--samples", "5000", "--seed", "3"},
		{"render", "--view", "compare", "--size", "120x40", "--format", "ansi"},
		{"render", "--view", "projection", "--size", "100x30", "--format", "deck-svg"},
	} {
		_, a, errA := runCmd(t, args...)
		_, b, _ := runCmd(t, args...)
		if a == "" || a != b {
			t.Errorf("%v: two renders differ (%d and %d bytes) %s", args, len(a), len(b), errA)
		}
	}
}

func TestRenderPNGIsTheFrameSize(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "chart.png")
	code, _, errs := runCmd(t, "render", "--view", "projection", "--size", "100x30", "--format", "png", "-o", out, "--set", "conversion=4%")
	if code != 0 {
		t.Fatal(errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// 100×30 cells of 8×16 pixels at 2×.
	if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 960 {
		t.Errorf("image %v, want 1600×960", b)
	}
}

func TestRenderTextIsTheAppFrame(t *testing.T) {
	_, txt, _ := runCmd(t, "render", "--view", "dashboard", "--size", "120x40", "--format", "txt")
	_, ansiText, _ := runCmd(t, "render", "--view", "dashboard", "--size", "120x40", "--format", "ansi")
	lines := strings.Split(strings.TrimRight(txt, "\n"), "\n")
	if len(lines) != 40 || !strings.Contains(txt, "Assumptions") || strings.Contains(txt, "\x1b") {
		t.Fatalf("txt render: %d lines, escape codes %v", len(lines), strings.Contains(txt, "\x1b"))
	}
	if !strings.Contains(ansiText, "\x1b[") {
		t.Errorf("ansi render has no colour")
	}
}

func TestRenderRefusesClearly(t *testing.T) {
	cases := []struct {
		args []string
		says string
	}{
		{[]string{"render", "--size", "big"}, "columns x rows"},
		{[]string{"render", "--size", "30x10", "--format", "txt"}, "at least 60×20"},
		{[]string{"render", "--view", "pie", "--format", "txt"}, `"pie" is not a view`},
		{[]string{"render", "--format", "gif"}, "txt, ansi, svg, png, deck-png or deck-svg"},
		{[]string{"render", "--view", "funnel", "--format", "deck-png", "-o", filepath.Join(t.TempDir(), "x.png")}, "no deck chart"},
		{[]string{"render", "--view", "compare", "--compare", "bull", "--format", "txt"}, "two or three"},
	}
	for _, c := range cases {
		code, out, errs := runCmd(t, c.args...)
		if code == 0 || out != "" || !strings.Contains(errs, c.says) {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want a refusal saying %q", c.args, code, len(out), errs, c.says)
		}
	}
}

// BenchmarkRenderPNG160x48 is sizeup render of the dashboard at 160×48 to
// PNG, building the app and drawing the frame included (budget 100 ms).
func BenchmarkRenderPNG160x48(b *testing.B) {
	benchRender(b, "png")
}

// BenchmarkRenderSVG160x48 is the same to SVG.
func BenchmarkRenderSVG160x48(b *testing.B) {
	benchRender(b, "svg")
}

func benchRender(b *testing.B, format string) {
	args := []string{"render", "--view", "dashboard", "--size", "160x48", "--format", format, "--samples", "1000"}
	b.ReportAllocs()
	for b.Loop() {
		var out, errb bytes.Buffer
		if code := Run(args, &out, &errb, testVersion); code != 0 {
			b.Fatal(errb.String())
		}
		io.Copy(io.Discard, &out)
	}
}

// TestRenderOutputGoesThroughAtomicfile: -o is checked and written by
// internal/atomicfile alone: a missing folder is refused in its words, a
// chart with no deck form in render's own, and nothing is left behind.
func TestRenderOutputGoesThroughAtomicfile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "a")
	code, _, errs := runCmd(t, "render", "--format", "txt", "--size", "80x24", "-o", filepath.Join(missing, "x.txt"))
	if want := "the folder " + missing + " does not exist"; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("-o into a missing folder: exit %d, %q, want %q", code, errs, want)
	}
	code, _, errs = runCmd(t, "render", "--view", "funnel", "--format", "deck-svg", "-o", filepath.Join(dir, "x.svg"))
	if want := "sizeup: the funnel view has no deck chart; draw it as png or svg\n"; code != 1 || errs != want {
		t.Errorf("deck of a funnel: exit %d, %q, want %q", code, errs, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("-o left %v behind", entries)
	}
}
