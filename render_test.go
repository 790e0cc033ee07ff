package main

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
		if code := run(args, &out, &errb); code != 0 {
			b.Fatal(errb.String())
		}
		io.Copy(io.Discard, &out)
	}
}

// TestScreenshotsAreCurrent draws every picture the README shows, as its
// "go:generate" line in main.go says, and compares the pixels with the file
// in docs/: a stale picture fails here (run go generate ./... to refresh).
func TestScreenshotsAreCurrent(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(src), "\n") {
		args, ok := strings.CutPrefix(line, "//go:generate go run . ")
		if !ok {
			continue
		}
		n++
		fields := strings.Fields(args)
		want := fields[len(fields)-1] // -o FILE comes last
		got := filepath.Join(t.TempDir(), filepath.Base(want))
		fields[len(fields)-1] = got
		if code, _, errs := runCmd(t, fields...); code != 0 {
			t.Fatalf("%s: %s", args, errs)
		}
		if !samePixels(t, want, got) {
			t.Errorf("%s is stale: run go generate ./...", want)
		}
	}
	if n < 4 {
		t.Fatalf("only %d go:generate lines found", n)
	}
}

func samePixels(t *testing.T, a, b string) bool {
	t.Helper()
	decode := func(path string) []byte {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		bounds := img.Bounds()
		out := make([]byte, 0, 4*bounds.Dx()*bounds.Dy()+8)
		out = append(out, byte(bounds.Dx()>>8), byte(bounds.Dx()), byte(bounds.Dy()>>8), byte(bounds.Dy()))
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				out = append(out, byte(r>>8), byte(g>>8), byte(b>>8))
			}
		}
		return out
	}
	return bytes.Equal(decode(a), decode(b))
}
