package ui

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
	"sizeup/ui/export"
)

// Screenshots: x writes the current view, X its chart alone, as plain
// text, ANSI text, SVG and PNG (and the chart as a deck chart where there
// is one) into the shots folder, each file written atomically; y copies the
// chart as plain text to the terminal's clipboard with OSC 52.

// DefaultShotsDir is where x and X write unless --shots says otherwise.
const DefaultShotsDir = "sizeup-shots"

// shotsMsg reports what an export wrote.
type shotsMsg struct {
	paths []string
	err   error
}

// ExportOptions is how frames become images: the theme's colours.
func (m *Model) exportOptions() export.Options {
	th := export.Dark()
	if !m.styles.dark {
		th = export.Light()
	}
	return export.Options{Theme: th}
}

// viewSlug names the current view in file names.
func (m *Model) viewSlug() string {
	for _, vi := range viewInfo {
		if vi.v == m.view {
			return strings.ToLower(vi.name)
		}
	}
	return "view"
}

// exportCmd writes the current view (or its chart alone) in every format.
func (m *Model) exportCmd(chartOnly bool) tea.Cmd {
	frame, name := m.View(), m.viewSlug()
	var deck *export.Chart
	if chartOnly {
		c := m.chartOf()
		alone, ok := m.chartAlone(c, m.width, m.height)
		if !ok {
			m.setError("There is no chart to export here yet.")
			return nil
		}
		frame, name = alone, string(c)
		if d, ok := m.deckChart(c); ok {
			deck = &d
		}
	}
	dir, scenario, opt := m.shotsDir, m.scenario, m.exportOptions()
	if dir == "" {
		dir = DefaultShotsDir
	}
	now := time.Now()
	m.setStatus("Writing screenshots…")
	return func() tea.Msg {
		paths, err := WriteShots(dir, name, scenario, now, frame, deck, opt)
		return shotsMsg{paths, err}
	}
}

// WriteShots writes a frame as txt, ansi, svg and png, and a deck chart as
// png and svg when there is one, into dir; it returns the paths written.
// Each file is written atomically: a failure leaves no half file.
func WriteShots(dir, view, scenario string, t time.Time, frame string, deck *export.Chart, opt export.Options) ([]string, error) {
	g := export.Parse(frame)
	var paths []string
	for _, f := range []export.Format{export.Text, export.ANSI, export.SVG, export.PNG} {
		path := filepath.Join(dir, export.FileName(view, scenario, t, string(f)))
		if err := export.WriteFileAtomic(path, func(w io.Writer) error { return export.Write(w, g, f, opt) }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	if deck != nil {
		for _, ext := range []string{"png", "svg"} {
			path := filepath.Join(dir, export.FileName(view+"-deck", scenario, t, ext))
			err := export.WriteFileAtomic(path, func(w io.Writer) error {
				if ext == "png" {
					return export.WriteDeckPNG(w, *deck, DeckWidth, DeckHeight)
				}
				return export.WriteDeckSVG(w, *deck, DeckWidth, DeckHeight)
			})
			if err != nil {
				return paths, err
			}
			paths = append(paths, path)
		}
	}
	return paths, nil
}

// The deck chart's size: a 16:9 slide at 1600 pixels.
const (
	DeckWidth  = 1600
	DeckHeight = 900
)

func (m *Model) finishShots(msg shotsMsg) {
	if msg.err != nil {
		m.setError("Screenshot not written: " + msg.err.Error())
		return
	}
	if len(msg.paths) == 0 {
		return
	}
	// One path with the extensions braced: dir/name.{txt,ansi,svg,png}.
	first := msg.paths[0]
	stem := strings.TrimSuffix(first, filepath.Ext(first))
	var exts []string
	for _, p := range msg.paths {
		if strings.HasPrefix(p, stem+".") {
			exts = append(exts, strings.TrimPrefix(filepath.Ext(p), "."))
		}
	}
	text := fmt.Sprintf("Wrote %s.{%s}", stem, strings.Join(exts, ","))
	if len(msg.paths) > len(exts) {
		deck := msg.paths[len(exts)]
		text += fmt.Sprintf(" and the deck chart %s.{png,svg}", strings.TrimSuffix(filepath.Base(deck), filepath.Ext(deck)))
	}
	m.setStatus(text + ".")
}

// copyCmd sends the current chart, as plain text, to the clipboard.
func (m *Model) copyCmd() tea.Cmd {
	if m.clipboard == nil {
		m.setError("No terminal to copy to.")
		return nil
	}
	alone, ok := m.chartAlone(m.chartOf(), m.width, m.height)
	if !ok {
		m.setError("There is no chart to copy here yet.")
		return nil
	}
	text := strings.TrimRight(ansi.Strip(alone), "\n")
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	seq := osc52.New(strings.Join(lines, "\n"))
	if m.inTmux {
		seq = seq.Tmux()
	}
	out := m.clipboard
	m.setStatus(fmt.Sprintf("Sent the chart (%d lines of text) to the terminal's clipboard with OSC 52; terminals do not confirm, and some ignore it.", len(lines)))
	return func() tea.Msg {
		seq.WriteTo(out)
		return nil
	}
}

// deckChart is the current chart's data for a vector slide, where there is
// one (the tornado and the funnel are drawn only as terminal frames).
func (m *Model) deckChart(c Chart) (export.Chart, bool) {
	cur := m.currency()
	years := make([]float64, len(m.proj.Years))
	for i, y := range m.proj.Years {
		years[i] = float64(y.Year)
	}
	ch := export.Chart{
		Subtitle: m.subtitle(),
		YUnit:    cur.Code,
		Footer:   []string{m.assumptions(), m.sourcesLine()},
		YTick: func(v float64) string {
			return trimZeros(shortNum(v*cur.PerUSD, cur.Symbol))
		},
	}
	col := func(p *market.Projection, f func(*market.Year) float64) []float64 {
		out := make([]float64, len(p.Years))
		for i := range p.Years {
			out[i] = f(&p.Years[i])
		}
		return out
	}
	switch c {
	case ChartProjection:
		ch.Title = fmt.Sprintf("Revenue projection, %d–%d", m.market.BaseYear, m.market.LastYear())
		last := m.proj.Last()
		ch.Footer = append([]string{fmt.Sprintf("For scale: TAM %s and SAM %s in %d (a linear axis cannot show them beside revenue).",
			market.FormatMoney(last.TAM, cur), market.FormatMoney(last.SAM, cur), last.Year)}, ch.Footer...)
		ch.Series = []export.Series{
			{Name: "gross revenue", X: years, Y: col(&m.proj, func(y *market.Year) float64 { return y.Gross }), Style: export.Solid},
			{Name: "net revenue", X: years, Y: col(&m.proj, func(y *market.Year) float64 { return y.Net }), Style: export.Dashed},
			{Name: "risk-weighted net", X: years, Y: col(&m.proj, func(y *market.Year) float64 { return y.RiskNet }), Style: export.Dotted},
		}
	case ChartFan:
		r := m.result()
		if r == nil {
			return ch, false
		}
		ch.Title = fmt.Sprintf("Net revenue under uncertainty, %d–%d", m.market.BaseYear, m.market.LastYear())
		p5, p50, p95 := make([]float64, len(r.Years)), make([]float64, len(r.Years)), make([]float64, len(r.Years))
		for i, y := range r.Years {
			p5[i], p50[i], p95[i] = y.Net.P5, y.Net.P50, y.Net.P95
		}
		ch.Series = []export.Series{{Name: "P50, with P5–P95 shaded (given a deal)", X: years, Y: p50, Style: export.Solid, Band: &[2][]float64{p5, p95}}}
	case ChartCompare:
		ch.Title = "Scenarios compared: net revenue"
		styles := []export.LineStyle{export.Solid, export.Dashed, export.Dotted}
		for i, it := range m.compared(m.items()) {
			p := m.market.Evaluate(&it.values)
			ch.Series = append(ch.Series, export.Series{Name: it.name, X: years, Y: col(&p, func(y *market.Year) float64 { return y.Net }), Style: styles[i%3]})
		}
	default:
		return ch, false
	}
	for _, s := range ch.Series {
		for _, v := range s.Y {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return ch, false
			}
		}
	}
	return ch, true
}
