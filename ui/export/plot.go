package export

import (
	"image"
	"image/color"
	"math"
	"strings"

	"golang.org/x/image/vector"
)

// A terminal draws a line chart in whole cells, so a line growing 25% a
// year climbs in flat steps and jumps. An image need not: a Plot says
// where a chart's body is in the frame and what its lines are, and the PNG
// and SVG writers draw those lines from the data, as smooth strokes, in
// place of their glyphs; the frame, labels and legend around them stay the
// terminal's.

// Plot is one chart's body in a frame.
type Plot struct {
	// Rows are the body's rows as plain text, as they appear in the frame
	// (y labels, axis, lines and end labels), to find the body there.
	Rows []string
	// Left is the body's first column in Rows; W its width in cells.
	Left, W int
	// Mask is len(Rows)×W: the cells that hold a line's glyph, drawn as
	// background under the strokes.
	Mask []bool
	// Lines are drawn in order, the last on top.
	Lines []PlotLine
}

// PlotLine is one series: a point per year at its exact value.
type PlotLine struct {
	// X and Y are in cells from the body's top-left corner (0.5 is the
	// middle of the first cell); a NaN Y is a gap.
	X, Y   []float64
	Color  Color
	Weight uint8 // 1 light, 2 heavy, 3 double: the stroke's width
	Style  LineStyle
}

// placedPlot is a plot found in a grid: its body's top-left cell.
type placedPlot struct {
	p    *Plot
	x, y int
}

// placePlots finds each plot in the grid and returns a copy of the grid
// with the plots' line glyphs blanked, and where the plots are. A plot not
// found is left as its glyphs.
func placePlots(g *Grid) (*Grid, []placedPlot) {
	if len(g.Plots) == 0 {
		return g, nil
	}
	var placed []placedPlot
	var cells []Cell
	for i := range g.Plots {
		p := &g.Plots[i]
		x, y, ok := g.find(p.Rows)
		if !ok || len(p.Mask) != len(p.Rows)*p.W {
			continue
		}
		if cells == nil {
			cells = append([]Cell(nil), g.Cells...)
		}
		bx := x + p.Left
		for r := range p.Rows {
			for c := 0; c < p.W && bx+c < g.W; c++ {
				if p.Mask[r*p.W+c] {
					cells[(y+r)*g.W+bx+c].Grapheme = " "
				}
			}
		}
		placed = append(placed, placedPlot{p, bx, y})
	}
	if cells == nil {
		return g, nil
	}
	return &Grid{W: g.W, H: g.H, Cells: cells}, placed
}

// PlotOrigin is the cell of the grid where the plot's body begins (its
// first row, column Left), as the PNG and SVG writers find it.
func (g *Grid) PlotOrigin(p *Plot) (x, y int, ok bool) {
	x, y, ok = g.find(p.Rows)
	return x + p.Left, y, ok
}

// find is the top-left cell where rows appear in the grid, one under the
// other.
func (g *Grid) find(rows []string) (int, int, bool) {
	if len(rows) == 0 {
		return 0, 0, false
	}
	first := strings.Split(rows[0], "")
	for y := 0; y+len(rows) <= g.H; y++ {
		for x := 0; x+len(first) <= g.W; x++ {
			if !g.matches(x, y, first) {
				continue
			}
			all := true
			for r := 1; r < len(rows) && all; r++ {
				all = g.matches(x, y+r, strings.Split(rows[r], ""))
			}
			if all {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

// matches reports whether the cells from column x of line y read text
// (split into characters).
func (g *Grid) matches(x, y int, text []string) bool {
	if x+len(text) > g.W {
		return false
	}
	row := g.Cells[y*g.W+x : y*g.W+x+len(text)]
	for i, t := range text {
		c := row[i].Grapheme
		if c == "" {
			c = " "
		}
		if c != t {
			return false
		}
	}
	return true
}

// strokeWidth is a line's width in pixels for a cell cw wide: light,
// heavy and double lines as in the terminal, dots a little fuller so that
// they read as a line.
func strokeWidth(l *PlotLine, cw int) float64 {
	w := 0.18
	switch l.Weight {
	case 3:
		w = 0.34
	case 2:
		w = 0.28
	}
	if l.Style == Dotted {
		w *= 1.5
	}
	return float64(cw) * w
}

// polylines splits a line at its gaps into runs of points, in pixels.
func (l *PlotLine) polylines(ox, oy, cw, ch float64) [][][2]float64 {
	var out [][][2]float64
	var run [][2]float64
	for i := range l.X {
		if i >= len(l.Y) || math.IsNaN(l.Y[i]) || math.IsInf(l.Y[i], 0) {
			if len(run) > 0 {
				out = append(out, run)
			}
			run = nil
			continue
		}
		run = append(run, [2]float64{ox + l.X[i]*cw, oy + l.Y[i]*ch})
	}
	if len(run) > 0 {
		out = append(out, run)
	}
	return out
}

// dashPieces cuts a run into the pieces its style draws: the whole run, dashes
// of 3 widths with 2 apart, or dots 2.5 widths apart (a piece of one
// point each).
func dashPieces(run [][2]float64, style LineStyle, width float64) [][][2]float64 {
	if style == Solid || len(run) < 2 {
		return [][][2]float64{run}
	}
	on, off := 3*width, 2*width
	if style == Dotted {
		on, off = 0, 2.5*width
	}
	lerp := func(a, b [2]float64, t float64) [2]float64 {
		return [2]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
	}
	var out [][][2]float64
	var cur [][2]float64
	drawing, left := true, on
	for i := 0; i+1 < len(run); i++ {
		a, b := run[i], run[i+1]
		seg := math.Hypot(b[0]-a[0], b[1]-a[1])
		for at := 0.0; seg > 0 && at < seg; {
			if drawing && len(cur) == 0 {
				cur = append(cur, lerp(a, b, at/seg))
			}
			step := math.Min(left, seg-at)
			at += step
			left -= step
			if drawing {
				cur = append(cur, lerp(a, b, at/seg))
			}
			if left <= 1e-9 {
				if drawing {
					out = append(out, cur)
					cur = nil
					drawing, left = false, off
				} else {
					drawing, left = true, on
				}
			}
		}
	}
	if drawing && len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// strokeMask rasterizes a line into a w×h coverage mask whose origin is
// the image's (0,0) shifted by off: each piece a chain of quads with round
// joins and caps.
func strokeMask(pieces [][][2]float64, width float64, r image.Rectangle) *image.Alpha {
	w, h := r.Dx(), r.Dy()
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	z := vector.NewRasterizer(w, h)
	hw := float32(width / 2)
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	var p pen
	for _, piece := range pieces {
		for i, a := range piece {
			ax, ay := float32(a[0])-ox, float32(a[1])-oy
			p.circle(ax, ay, hw, false)
			if i+1 == len(piece) {
				break
			}
			bx, by := float32(piece[i+1][0])-ox, float32(piece[i+1][1])-oy
			dx, dy := bx-ax, by-ay
			l := float32(math.Hypot(float64(dx), float64(dy)))
			if l == 0 {
				continue
			}
			nx, ny := -dy/l*hw, dx/l*hw
			p.poly(ax+nx, ay+ny, bx+nx, by+ny, bx-nx, by-ny, ax-nx, ay-ny)
		}
	}
	trace(z, p.segs)
	z.Draw(mask, mask.Rect, image.NewUniform(color.Alpha{A: 0xff}), image.Point{})
	return mask
}

// paintPlots strokes the plots' lines over the painted grid, clipped to
// each body's rows.
func paintPlots(placed []placedPlot, g *Grid, th *Theme, cw, ch int, p painter) bool {
	for _, pp := range placed {
		rect := image.Rect(pp.x*cw, pp.y*ch, (pp.x+pp.p.W)*cw, (pp.y+len(pp.p.Rows))*ch)
		rect = rect.Intersect(image.Rect(0, 0, g.W*cw, g.H*ch))
		if rect.Empty() {
			continue
		}
		// The body's background: that of its first cell.
		_, bg := th.colors(g.At(pp.x, pp.y).Style)
		for _, l := range pp.p.Lines {
			width := strokeWidth(&l, cw)
			var pieces [][][2]float64
			for _, run := range l.polylines(float64(pp.x*cw), float64(pp.y*ch), float64(cw), float64(ch)) {
				pieces = append(pieces, dashPieces(run, l.Style, width)...)
			}
			if len(pieces) == 0 {
				continue
			}
			fg := th.resolve(l.Color, th.FG)
			if !p.glyph(rect, strokeMask(pieces, width, rect), fg, bg) {
				return false
			}
		}
	}
	return true
}
