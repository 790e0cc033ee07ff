package export

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart is chart data for a deck: the same title, units, series, legend
// and footer as the terminal chart, drawn as a vector chart for slides
// where a terminal look is not wanted.
type Chart struct {
	Title    string
	Subtitle string   // e.g. market · scenario · horizon
	YUnit    string   // the y axis label, e.g. "USD"
	Series   []Series // drawn in order; the legend follows it
	Footer   []string // assumptions and sources, one line each
	// YTick formats a y-axis tick (e.g. 1.2e9 as "$1.2B"); nil uses %g.
	YTick func(float64) string
}

// LineStyle is how a series' line is drawn.
type LineStyle uint8

// Line styles: distinct without colour, so a chart printed in grey still
// tells its series apart.
const (
	Solid LineStyle = iota
	Dashed
	Dotted
)

// Series is one line of a deck chart.
type Series struct {
	Name  string
	X     []float64 // years
	Y     []float64
	Style LineStyle
	// Color is the line's colour, the app's for its series; the zero
	// Color takes the deck's palette in order.
	Color Color
	// Band, if set, is a shaded range around the line, such as the P5 and
	// P95 of a fan chart: Band[0] the low and Band[1] the high value at
	// each X.
	Band *[2][]float64
}

// Deck chart look: a light slide with dark text.
var (
	deckInk    = color.RGBA{0x1f, 0x23, 0x28, 0xff}
	deckMuted  = color.RGBA{0x57, 0x60, 0x6a, 0xff}
	deckGrid   = color.RGBA{0xd8, 0xde, 0xe4, 0xff}
	deckPaper  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	deckColors = []color.RGBA{
		{0x1f, 0x6f, 0xd1, 0xff}, // blue
		{0xe0, 0x7a, 0x10, 0xff}, // orange
		{0x2a, 0x9d, 0x4b, 0xff}, // green
		{0xc9, 0x2a, 0x3a, 0xff}, // red
		{0x7b, 0x4f, 0xc9, 0xff}, // purple
		{0x6b, 0x6f, 0x76, 0xff}, // grey
	}
)

// deckDPI maps pixels to the points gonum/plot works in.
const deckDPI = 96

// maxDeckPixels bounds the canvas a caller can ask for.
const maxDeckPixels = 8000 * 8000

// WriteDeckPNG draws c as a widthPx×heightPx PNG with gonum/plot.
// The bytes depend only on the chart and the size.
func WriteDeckPNG(w io.Writer, c Chart, widthPx, heightPx int) error {
	if err := checkDeckSize(widthPx, heightPx); err != nil {
		return err
	}
	cw, ch := pxToPt(widthPx), pxToPt(heightPx)
	canvas := vgimg.NewWith(vgimg.UseWH(cw, ch), vgimg.UseDPI(deckDPI), vgimg.UseBackgroundColor(deckPaper))
	if err := drawDeck(canvas, c); err != nil {
		return err
	}
	// The canvas is opaque (painted white), so our encoder, much quicker
	// than image/png on large flat images, applies.
	if img, ok := canvas.Image().(*image.RGBA); ok {
		return encodePNG(w, img)
	}
	_, err := vgimg.PngCanvas{Canvas: canvas}.WriteTo(w)
	return err
}

// WriteDeckSVG draws c as an SVG of widthPx×heightPx CSS pixels (96 to the
// inch), with its Liberation Sans faces embedded. The bytes depend only on
// the chart and the size.
func WriteDeckSVG(w io.Writer, c Chart, widthPx, heightPx int) error {
	if err := checkDeckSize(widthPx, heightPx); err != nil {
		return err
	}
	cw, ch := pxToPt(widthPx), pxToPt(heightPx)
	canvas := vgsvg.NewWith(vgsvg.UseWH(cw, ch), vgsvg.EmbedFonts(true))
	// vgsvg has no background option: paint the slide white.
	dc := draw.New(canvas)
	dc.SetColor(deckPaper)
	dc.Fill(dc.Rectangle.Path())
	if err := drawDeck(canvas, c); err != nil {
		return err
	}
	_, err := canvas.WriteTo(w)
	return err
}

func checkDeckSize(w, h int) error {
	if w < 200 || h < 150 {
		return fmt.Errorf("export: a deck chart of %d×%d pixels is too small (at least 200×150)", w, h)
	}
	if w > maxDeckPixels/h {
		return fmt.Errorf("export: a deck chart of %d×%d pixels is too large", w, h)
	}
	return nil
}

func pxToPt(px int) vg.Length { return vg.Length(px) * vg.Inch / deckDPI }

// deckFonts are the faces of the deck chart, sized from the canvas so that
// the chart reads the same at any resolution.
type deckFonts struct {
	base                                        vg.Length
	title, subtitle, label, tick, legend, notes text.Style
}

func newDeckFonts(w, h vg.Length) deckFonts {
	// 1/100 of the width of a 16:9 slide of this height or of this width,
	// whichever is smaller: 12 pt on a 1600×900 pixel slide.
	base := min(w, h*16/9) / 100
	sans := font.Font{Typeface: "Liberation", Variant: "Sans"}
	bold := sans
	bold.Weight = xfont.WeightBold
	style := func(f font.Font, size vg.Length, c color.Color) text.Style {
		return text.Style{
			Color:   c,
			Font:    font.From(f, size),
			Handler: plot.DefaultTextHandler,
			XAlign:  draw.XLeft,
			YAlign:  draw.YTop,
		}
	}
	return deckFonts{
		base:     base,
		title:    style(bold, 2*base, deckInk),
		subtitle: style(sans, 1.25*base, deckMuted),
		label:    style(sans, 1.1*base, deckMuted),
		tick:     style(sans, 1.05*base, deckMuted),
		legend:   style(sans, 1.1*base, deckInk),
		notes:    style(sans, 0.9*base, deckMuted),
	}
}

// drawDeck lays out the title and subtitle above the plot and the footer
// lines below it.
func drawDeck(canvas vg.CanvasSizer, c Chart) error {
	p, parts, err := deckPlot(c)
	if err != nil {
		return err
	}
	dc := draw.New(canvas)
	w, h := dc.Max.X-dc.Min.X, dc.Max.Y-dc.Min.Y
	f := newDeckFonts(w, h)
	pad := 2.5 * f.base

	// Header, top down.
	y := dc.Max.Y - pad
	x := dc.Min.X + pad
	if c.Title != "" {
		dc.FillText(f.title, vg.Point{X: x, Y: y}, c.Title)
		y -= f.title.Height(c.Title) + 0.4*f.base
	}
	if c.Subtitle != "" {
		dc.FillText(f.subtitle, vg.Point{X: x, Y: y}, c.Subtitle)
		y -= f.subtitle.Height(c.Subtitle)
	}
	top := y - 1.2*f.base

	// Footer, bottom up, each line wrapped to the width.
	yb := dc.Min.Y + pad
	var footer []string
	for _, line := range c.Footer {
		footer = append(footer, wrapText(line, w-2*pad, f.notes.Width)...)
	}
	for i := len(footer) - 1; i >= 0; i-- {
		line := footer[i]
		st := f.notes
		st.YAlign = draw.YBottom
		dc.FillText(st, vg.Point{X: x, Y: yb}, line)
		yb += st.Height(line) * 1.25
	}
	bottom := yb
	if len(footer) > 0 {
		bottom += 0.8 * f.base
	}
	if top-bottom < 10*f.base {
		return errors.New("export: the deck chart is too small for its title and footer")
	}
	// Keep gonum/plot's alignments and rotations; change faces and colours.
	restyle := func(st *text.Style, to text.Style) { st.Font, st.Color = to.Font, to.Color }
	restyle(&p.X.Tick.Label, f.tick)
	restyle(&p.Y.Tick.Label, f.tick)
	restyle(&p.Y.Label.TextStyle, f.label)
	restyle(&p.Legend.TextStyle, f.legend)
	p.Legend.ThumbnailWidth = 3 * f.base
	p.Legend.Padding = 0.4 * f.base
	p.Legend.XOffs, p.Legend.YOffs = f.base, -0.5*f.base
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Padding = 0.6 * f.base
		a.LineStyle.Color = deckMuted
		a.LineStyle.Width = 0.08 * f.base
		a.Tick.LineStyle.Color = deckMuted
		a.Tick.LineStyle.Width = 0.08 * f.base
		a.Tick.Length = 0.4 * f.base
	}
	parts.grid.Horizontal.Width = 0.06 * f.base
	for i, l := range parts.lines {
		l.Width = 0.22 * f.base
		switch parts.styles[i] {
		case Dashed:
			l.Dashes = []vg.Length{0.9 * f.base, 0.5 * f.base}
		case Dotted:
			l.Dashes = []vg.Length{0.22 * f.base, 0.4 * f.base}
		}
	}
	plotArea := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: dc.Min.X + pad, Y: bottom},
		Max: vg.Point{X: dc.Max.X - pad, Y: top},
	}}
	p.Draw(plotArea)
	return nil
}

// deckParts are the plotters whose sizes wait for the layout.
type deckParts struct {
	grid   *plotter.Grid
	lines  []*plotter.Line
	styles []LineStyle
}

// deckPlot builds the plot of the chart's data: grid, bands, lines,
// legend and ticks. Sizes are set later by drawDeck.
func deckPlot(c Chart) (*plot.Plot, deckParts, error) {
	var parts deckParts
	p := plot.New()
	p.BackgroundColor = color.Transparent
	p.Y.Label.Text = c.YUnit
	p.Legend.Top, p.Legend.Left = true, true

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = deckGrid
	p.Add(grid)
	parts.grid = grid

	yMin, yMax := math.Inf(1), math.Inf(-1)
	xMin, xMax := math.Inf(1), math.Inf(-1)
	for i, s := range c.Series {
		if len(s.X) != len(s.Y) {
			return nil, parts, fmt.Errorf("export: series %q has %d x values and %d y values", s.Name, len(s.X), len(s.Y))
		}
		col := deckColors[i%len(deckColors)]
		if s.Color.Kind == RGBColor {
			col = color.RGBA{s.Color.R, s.Color.G, s.Color.B, 0xff}
		}
		xy := make(plotter.XYs, len(s.X))
		for j := range s.X {
			xy[j] = plotter.XY{X: s.X[j], Y: s.Y[j]}
		}
		var thumbs []plot.Thumbnailer
		if s.Band != nil {
			lo, hi := s.Band[0], s.Band[1]
			if len(lo) != len(s.X) || len(hi) != len(s.X) {
				return nil, parts, fmt.Errorf("export: the band of series %q has %d and %d values for %d years", s.Name, len(lo), len(hi), len(s.X))
			}
			ring := make(plotter.XYs, 0, 2*len(s.X))
			for j := range s.X {
				ring = append(ring, plotter.XY{X: s.X[j], Y: hi[j]})
			}
			for j := len(s.X) - 1; j >= 0; j-- {
				ring = append(ring, plotter.XY{X: s.X[j], Y: lo[j]})
			}
			band, err := plotter.NewPolygon(ring)
			if err != nil {
				return nil, parts, fmt.Errorf("export: the band of series %q: %w", s.Name, err)
			}
			band.Color = color.NRGBA{col.R, col.G, col.B, 0x38}
			band.LineStyle.Width = 0
			p.Add(band)
			thumbs = append(thumbs, band)
			for _, v := range append(append([]float64{}, lo...), hi...) {
				yMin, yMax = min(yMin, v), max(yMax, v)
			}
		}
		line, err := plotter.NewLine(xy)
		if err != nil {
			return nil, parts, fmt.Errorf("export: series %q: %w", s.Name, err)
		}
		line.Color = col
		parts.lines = append(parts.lines, line)
		parts.styles = append(parts.styles, s.Style)
		p.Add(line)
		thumbs = append(thumbs, line)
		if s.Name != "" {
			p.Legend.Add(s.Name, thumbs...)
		}
		for j := range s.X {
			xMin, xMax = min(xMin, s.X[j]), max(xMax, s.X[j])
			yMin, yMax = min(yMin, s.Y[j]), max(yMax, s.Y[j])
		}
	}
	// Amounts start from zero, so that bars of revenue are not
	// exaggerated by a cut axis.
	if yMin >= 0 && !math.IsInf(yMin, 0) {
		p.Y.Min = 0
		p.Y.Max = yMax * 1.05
	}
	if xMin <= xMax {
		p.X.Min, p.X.Max = xMin, xMax
	}
	p.X.Tick.Marker = plot.TickerFunc(yearTicks)
	p.Y.Tick.Marker = yTicker{format: c.YTick}
	return p, parts, nil
}

// yearTicks labels whole years, every 1, 2, 5, 10 … years so that there
// are at most a dozen labels.
func yearTicks(lo, hi float64) []plot.Tick {
	first, last := math.Ceil(lo), math.Floor(hi)
	if !(last >= first) || last-first > 1e6 {
		return nil
	}
	step := float64(YearStep(int(last-first), 13, false))
	var ticks []plot.Tick
	for y := math.Ceil(first/step) * step; y <= last; y += step {
		ticks = append(ticks, plot.Tick{Value: y, Label: strconv.FormatFloat(y, 'f', 0, 64)})
	}
	return ticks
}

// yTicker labels five to eight round values (steps of 1, 2, 2.5 or 5
// times a power of ten), every one labelled, as a slide reader wants to
// read the values off the grid.
type yTicker struct{ format func(float64) string }

func (t yTicker) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, k := range []float64{1, 2, 2.5, 5} {
		if k*mag >= raw {
			step = k * mag
			break
		}
	}
	var ticks []plot.Tick
	for i := math.Ceil(lo / step); i*step <= hi*(1+1e-12) && len(ticks) < 50; i++ {
		v := i * step
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0"
		}
		label := strconv.FormatFloat(v, 'g', 6, 64)
		if t.format != nil {
			label = t.format(v)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// wrapText breaks text at spaces into lines no wider than max.
func wrapText(text string, max vg.Length, width func(string) vg.Length) []string {
	words := strings.Fields(text)
	var lines []string
	line := ""
	for _, w := range words {
		next := w
		if line != "" {
			next = line + " " + w
		}
		if line != "" && width(next) > max {
			lines = append(lines, line)
			next = w
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
