package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
