package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// In the app at 120×40 the projection keeps net whole where gross runs
// over it (a junction, not gross's ┛ with net's corner lost), and x writes
// an SVG whose chart lines are drawn from the data as strokes.
func TestEndToEndChartLinesWholeAndExportedAsStrokes(t *testing.T) {
	dir := t.TempDir()
	x := startTmux(t, "120", "40", "--shots", dir)
	screen := x.waitFor("net $299M", "gross $598M")
	if strings.Contains(screen, "┛──") {
		t.Errorf("gross's corner overwrites net where they meet:\n%s", screen)
	}
	if !strings.Contains(screen, "┹") {
		t.Errorf("no junction where net runs on under gross:\n%s", screen)
	}
	x.keys("x")
	x.waitFor("Wrote")
	svgs, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	if len(svgs) == 0 {
		t.Fatalf("x wrote no SVG in %s", dir)
	}
	b, err := os.ReadFile(svgs[0])
	if err != nil {
		t.Fatal(err)
	}
	svg := string(b)
	i := strings.Index(svg, `<g id="plots">`)
	if i < 0 {
		t.Fatalf("the screenshot's SVG has no stroked chart lines")
	}
	if n := strings.Count(svg[i:], "<path d=\"M"); n < 4 {
		t.Errorf("the SVG strokes %d chart lines, want TAM, SAM, gross and net", n)
	}
	x.keys("q")
}
