package ui

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"sort"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sizeup/data/markets"
	"sizeup/ui/export"
)

// shotImage renders a view headless as the CLI does (true colour) and
// draws it as the PNG writer would, with the plots; it returns the image,
// the grid and the plots.
func shotImage(t *testing.T, market string, req RenderRequest, light bool) (*image.RGBA, *export.Grid) {
	t.Helper()
	mk, err := markets.OpenMarket(market)
	if err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	theme, th := "dark", export.Dark()
	if light {
		theme, th = "light", export.Light()
	}
	frame, plots, _, err := RenderShot(Options{Market: mk, Values: mk.Defaults(), Renderer: r, Theme: theme, Samples: 2000, Seed: 1}, req)
	if err != nil {
		t.Fatal(err)
	}
	g := export.Parse(frame)
	g.Plots = plots
	img, err := export.Image(g, export.Options{Theme: th})
	if err != nil {
		t.Fatal(err)
	}
	return img, g
}

func rgbOf(c export.Color) color.RGBA { return color.RGBA{c.R, c.G, c.B, 0xff} }

// In a PNG the projection's lines are drawn from the data: along TAM,
// which grows 35% a year to 2018 and 20.5% after, each year rises on the
// log axis in proportion to its growth (no flat steps and jumps), in the
// app's TAM colour.
func TestPNGChartLinesFollowTheData(t *testing.T) {
	for _, light := range []bool{false, true} {
		img, g := shotImage(t, "china-2015", RenderRequest{View: "projection", Width: 120, Height: 36}, light)
		tam := rgbOf(seriesRGB("line1", !light))
		var line *export.PlotLine
		var plot *export.Plot
		for i := range g.Plots {
			for j := range g.Plots[i].Lines {
				if rgbOf(g.Plots[i].Lines[j].Color) == tam {
					plot, line = &g.Plots[i], &g.Plots[i].Lines[j]
				}
			}
		}
		if line == nil {
			t.Fatalf("light=%v: no TAM line among the plots", light)
		}
		bx, by, ok := g.PlotOrigin(plot)
		if !ok {
			t.Fatalf("light=%v: the plot is not in the frame", light)
		}
		cw, ch := export.CellWidth*export.DefaultScale, export.CellHeight*export.DefaultScale
		top, bottom := by*ch, (by+len(plot.Rows))*ch
		heights := make([]float64, 0, len(line.X))
		for i := range line.X {
			x := int((float64(bx) + line.X[i]) * float64(cw))
			// Middle of the stroke in this column: its exact-colour pixels.
			sum, n := 0, 0
			for y := top; y < bottom; y++ {
				if img.RGBAAt(x, y) == tam {
					sum, n = sum+y, n+1
				}
			}
			if n == 0 {
				t.Fatalf("light=%v: year %d: no pixel of TAM's colour %v in column %d", light, i, tam, x)
			}
			heights = append(heights, float64(sum)/float64(n))
		}
		// Each year's rise per unit of log growth: the same for every year.
		mk := testMarket(t)
		v := mk.Defaults()
		p := mk.Evaluate(&v)
		o, _ := mk.LookupOutput("tam_usd")
		var rises []float64
		for i := 1; i < len(heights); i++ {
			rises = append(rises, (heights[i-1]-heights[i])/math.Log(p.Get(o, i)/p.Get(o, i-1))*math.Log(1.25))
		}
		sorted := append([]float64(nil), rises...)
		sort.Float64s(sorted)
		median := sorted[len(sorted)/2]
		for i, r := range rises {
			if median <= 0 || math.Abs(r-median) > 0.25*median+1.5 {
				t.Errorf("light=%v: TAM rises %.1f px (per 25%% of growth) from year %d to %d; every year rises about %.1f px: %v", light, r, i, i+1, median, rises)
			}
		}
	}
}

// The deck draws each line in its colour in the app (the light theme's,
// for a light slide): gross orange, net green, as on screen.
func TestDeckUsesTheAppsColours(t *testing.T) {
	m := newTestModel(t, 120, 40)
	d, ok := m.deckChart(ChartProjection)
	if !ok || len(d.Series) < 2 {
		t.Fatalf("no deck chart for the projection: %+v", d)
	}
	for i, k := range []seriesKind{"line3", "line4", "risk"} {
		if i < len(d.Series) && d.Series[i].Color != seriesRGB(k, false) {
			t.Errorf("deck series %q is %v; the app draws it %v", d.Series[i].Name, d.Series[i].Color, seriesRGB(k, false))
		}
	}
}

// At 80×24 the tornado's bars are on consecutive rows: in the PNG each
// bar is its own block with background between it and the next, never
// one slab.
func TestPNGTornadoBarsStayApart(t *testing.T) {
	for _, light := range []bool{false, true} {
		img, _ := shotImage(t, "china-2015", RenderRequest{View: "sensitivity", Width: 80, Height: 24}, light)
		c := palette["good"].dark
		if light {
			c = palette["good"].light
		}
		var v uint64
		if _, err := fmt.Sscanf(c, "#%x", &v); err != nil {
			t.Fatal(err)
		}
		good := color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
		b := img.Bounds()
		ch := export.CellHeight * export.DefaultScale
		found := false
		for x := b.Min.X; x < b.Max.X && !found; x++ {
			run, runs := 0, 0
			for y := b.Min.Y; y <= b.Max.Y; y++ {
				if y < b.Max.Y && img.RGBAAt(x, y) == good {
					run++
					continue
				}
				if run > 0 {
					runs++
					if run >= ch {
						t.Fatalf("light=%v: column %d has a green block %d px tall: bars on consecutive rows merge (a cell is %d px)", light, x, run, ch)
					}
				}
				run = 0
			}
			found = runs >= 3
		}
		if !found {
			t.Fatalf("light=%v: no column crosses three green bars", light)
		}
	}
}
