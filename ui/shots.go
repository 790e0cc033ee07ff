package ui

import (
	"fmt"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sizeup/internal/atomicfile"
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

// exportOptions is how frames become images: the theme's colours.
func exportOptions(s *session) export.Options {
	th := export.Dark()
	if !s.styles.dark {
		th = export.Light()
	}
	return export.Options{Theme: th}
}

// viewSlug names the current view in file names.
func (m Model) viewSlug() string { return strings.ToLower(views[m.view].name) }

// chartOf is the chart the current view is about; "" for none.
func (m Model) chartOf() Chart { return views[m.view].chart }

// chartAlone draws one chart as a w×h slide: title, subtitle, the chart,
// the footer. ok is false when the chart has nothing to show (the fan
// before any Monte Carlo result) or the size cannot hold it.
func (m Model) chartAlone(c Chart, w, h int) (string, bool) {
	out, _, ok := m.chartAloneShot(c, w, h)
	return out, ok
}

// chartAloneShot is chartAlone and where its plot's lines are, for a PNG
// or SVG to draw them from the data.
func (m Model) chartAloneShot(c Chart, w, h int) (string, []export.Plot, bool) {
	s := m.s
	rec := &plotCache{}
	foot := footerLines(s, homeOf(c), w, h)
	bodyH := h - slideTitle - len(foot)
	if w < minWidth || bodyH < 8 {
		return "", nil, false
	}
	years := fmt.Sprintf("%d–%d", s.market.BaseYear, s.market.LastYear())
	var title, body string
	switch c {
	case ChartProjection:
		d := m.dash
		d.present = true
		title, body = "Revenue projection, "+years, d.chartPanel(w, bodyH, rec)
	case ChartFunnel:
		title, body = funnelTitle(s.market), m.dash.renderFunnel(w, min(bodyH, 2*len(s.market.Outputs.Funnel)+2))
	case ChartFan:
		if s.mc.result() == nil {
			return "", nil, false
		}
		u := m.unc
		u.present = true
		title, body = u.title(), u.fanPanel(w, bodyH, rec)
	case ChartTornado:
		t := m.sens
		t.present = true
		title, body = t.title(), t.renderTornado(w, bodyH)
	case ChartCompare:
		title, body = "Scenarios compared", m.scen.comparePanel(m.scen.compared(m.scen.items()), w, bodyH, rec)
	default:
		return "", nil, false
	}
	return titleBlock(s, title, w) + "\n" + fitLines(body, w, bodyH) + "\n" + strings.Join(foot, "\n"), rec.plots(), true
}

// framePlots is where the views' charts were last drawn, for a PNG or SVG
// of the frame to draw their lines from the data (a plot not in the frame
// is not found there, and left alone).
func (m Model) framePlots() []export.Plot {
	return append(append(m.dash.chart.plots(), m.unc.fan.plots()...), m.scen.compare.plots()...)
}

// exportCmd writes the current view (or its chart alone) in every format.
func (m Model) exportCmd(chartOnly bool) tea.Cmd {
	s := m.s
	frame, name, plots := m.View(), m.viewSlug(), m.framePlots()
	var deck *export.Chart
	if chartOnly {
		c := m.chartOf()
		alone, ap, ok := m.chartAloneShot(c, m.width, m.height)
		if !ok {
			return s.setError("There is no chart to export here yet.")
		}
		frame, name, plots = s.styles.frame(alone), string(c), ap
		if d, ok := m.deckChart(c); ok {
			deck = &d
		}
	}
	dir, scenario, opt := s.shotsDir, s.scenario.name, exportOptions(s)
	if dir == "" {
		dir = DefaultShotsDir
	}
	now := time.Now()
	return tea.Batch(s.setStatus("Writing screenshots…"), func() tea.Msg {
		paths, err := WriteShots(dir, name, scenario, now, frame, deck, opt, plots...)
		return shotsMsg{paths, err}
	})
}

// WriteShots writes a frame as txt, ansi, svg and png, and a deck chart as
// png and svg when there is one, into dir; it returns the paths written.
// Each file is written atomically and never over an existing one.
// plots are the frame's charts, whose lines the PNG and SVG draw from the
// data.
func WriteShots(dir, view, scenario string, t time.Time, frame string, deck *export.Chart, opt export.Options, plots ...export.Plot) ([]string, error) {
	g := export.Parse(frame)
	g.Plots = plots
	formats := []export.Format{export.Text, export.ANSI, export.SVG, export.PNG}
	var names []string
	for _, f := range formats {
		names = append(names, export.FileName(view, scenario, t, string(f)))
	}
	if deck != nil {
		names = append(names, export.FileName(view+"-deck", scenario, t, "png"), export.FileName(view+"-deck", scenario, t, "svg"))
	}
	// One set, never over another: two presses in one second both stay.
	return atomicfile.WriteNewFiles(dir, names, func(i int, w io.Writer) error {
		switch {
		case i < len(formats):
			return export.Write(w, g, formats[i], opt)
		case i == len(formats):
			return export.WriteDeckPNG(w, *deck, DeckWidth, DeckHeight)
		}
		return export.WriteDeckSVG(w, *deck, DeckWidth, DeckHeight)
	})
}

// The deck chart's size: a 16:9 slide at 1600 pixels.
const (
	DeckWidth  = 1600
	DeckHeight = 900
)

func (m *Model) finishShots(msg shotsMsg) tea.Cmd {
	if msg.err != nil {
		return m.s.setError("Screenshot not written: " + sentence(msg.err))
	}
	if len(msg.paths) == 0 {
		return nil
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
	return m.s.setStatus(text + ".")
}

// clipboardMsg says how a copy went.
type clipboardMsg struct {
	lines int
	how   string // what happened, in a sentence
	err   error  // the copy cannot reach the clipboard; the sentence says how to fix it
}

// copyCmd sends the current chart, as plain text, to the terminal's
// clipboard with OSC 52. Inside tmux it first asks tmux how: with
// set-clipboard on, tmux takes a plain OSC 52 into its buffer and passes it
// on; with allow-passthrough on, the sequence is wrapped to pass through;
// with neither, nothing can work, and the message says how to turn it on.
func (m Model) copyCmd() tea.Cmd {
	s := m.s
	if s.clipboard == nil {
		return s.setError("No terminal to copy to.")
	}
	alone, ok := m.chartAlone(m.chartOf(), m.width, m.height)
	if !ok {
		return s.setError("There is no chart to copy here yet.")
	}
	lines := strings.Split(strings.TrimRight(ansi.Strip(alone), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	text, out, inTmux, option := strings.Join(lines, "\n"), s.clipboard, s.inTmux, s.tmuxOption
	n := len(lines)
	return func() tea.Msg {
		seq := osc52.New(text)
		if !inTmux {
			_, err := seq.WriteTo(out)
			return clipboardMsg{lines: n, how: "sent to the terminal's clipboard with OSC 52; terminals do not confirm, and some ignore it", err: err}
		}
		clip, _ := option("set-clipboard")
		pass, _ := option("allow-passthrough")
		switch {
		case clip == "on":
			_, err := seq.WriteTo(out)
			return clipboardMsg{lines: n, how: "sent to tmux (set-clipboard on): it is in tmux's paste buffer and tmux passes it to your terminal's clipboard", err: err}
		case pass == "on" || pass == "all":
			_, err := seq.Tmux().WriteTo(out)
			return clipboardMsg{lines: n, how: "sent through tmux (allow-passthrough " + pass + ") to your terminal's clipboard; terminals do not confirm", err: err}
		}
		if clip == "" {
			clip = "unknown"
		}
		return clipboardMsg{lines: n, err: fmt.Errorf("tmux is not passing copies on (set-clipboard is %s, allow-passthrough is off): run tmux set -g set-clipboard on (or put set -g set-clipboard on in ~/.tmux.conf), then press y again", clip)}
	}
}

func (m *Model) finishCopy(msg clipboardMsg) tea.Cmd {
	if msg.err != nil {
		return m.s.setError("The chart was not copied: " + sentence(msg.err))
	}
	return m.s.setStatus(fmt.Sprintf("Copied the chart (%d lines of text): %s.", msg.lines, msg.how))
}

// queryTmux reads one of tmux's global options ("" when tmux cannot say).
func queryTmux(name string) (string, error) {
	scope := "-gqv"
	if name == "allow-passthrough" {
		scope = "-gwqv" // a window option
	}
	out, err := exec.Command("tmux", "show-options", scope, name).Output()
	return strings.TrimSpace(string(out)), err
}

// deckRGB is a series' colour in the app's light theme, for the deck's
// light slide: the same colour a line has on screen.
func deckRGB(k seriesKind) export.Color { return seriesRGB(k, false) }

// deckChart is the current chart's data for a vector slide, where there is
// one (the tornado and the funnel are drawn only as terminal frames).
func (m Model) deckChart(c Chart) (export.Chart, bool) {
	s := m.s
	cur := s.currency()
	years := make([]float64, s.proj.Len())
	for i := range years {
		years[i] = float64(s.proj.Year(i))
	}
	v := homeOf(c)
	ch := export.Chart{
		Subtitle: subtitle(s),
		YUnit:    cur.Code,
		Footer:   footerTexts(s, v, false),
		YTick: func(v float64) string {
			return trimZeros(shortNum(v*cur.PerUSD, cur.Symbol))
		},
	}
	mk := s.market
	head := mk.Outputs.Headline
	switch c {
	case ChartProjection:
		ch.Title = fmt.Sprintf("Revenue projection, %d–%d", s.market.BaseYear, s.market.LastYear())
		big, small := smallLines(s.chartLines(false))
		if len(big) > 0 {
			ch.Footer = append([]string{fmt.Sprintf("For scale: %s (a linear axis cannot show %s beside revenue).",
				s.aboveAxis(big), map[bool]string{true: "them", false: "it"}[len(big) > 1])}, ch.Footer...)
		}
		styles := []export.LineStyle{export.Solid, export.Dashed}
		for i, sr := range small {
			name := sr.label
			if o, ok := chartOutput(mk, sr.label); ok {
				name = mk.Phrase(o)
			}
			ch.Series = append(ch.Series, export.Series{Name: name, X: years, Y: sr.values, Style: styles[i%2], Color: deckRGB(sr.kind)})
		}
		if risk, ok := s.dealLine(); ok {
			ch.Series = append(ch.Series, export.Series{Name: firstWord(mk.Phrase(head)) + " × deal chance", X: years, Y: risk.values, Style: export.Dotted, Color: deckRGB(risk.kind)})
		}
	case ChartFan:
		r := s.mc.result()
		if r == nil {
			return ch, false
		}
		ch.Title = fmt.Sprintf("%s under uncertainty, %d–%d", mk.Label(r.Recorded[0].Series), s.market.BaseYear, s.market.LastYear())
		p5, p50, p95 := make([]float64, len(r.Years)), make([]float64, len(r.Years)), make([]float64, len(r.Years))
		for i := range r.Years {
			y := &r.Years[i].Out[0]
			p5[i], p50[i], p95[i] = y.P5, y.P50, y.P95
		}
		name := "P50, with P5–P95 shaded"
		if g := s.givenDeal(); g != "" {
			name += " (" + strings.TrimSpace(g) + ")"
		}
		ch.Series = []export.Series{{Name: name, X: years, Y: p50, Style: export.Solid, Band: &[2][]float64{p5, p95}, Color: deckRGB("p50")}}
	case ChartCompare:
		ch.Title = "Scenarios compared: " + mk.Phrase(head)
		styles := []export.LineStyle{export.Solid, export.Dashed, export.Dotted}
		for i, it := range m.scen.compared(m.scen.items()) {
			p := s.market.Evaluate(&it.values)
			ch.Series = append(ch.Series, export.Series{Name: it.name, X: years, Y: column(&p, head), Style: styles[i%3], Color: deckRGB(seriesKind(fmt.Sprintf("s%d", i%3+1)))})
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

// funnelTitle names the funnel from its first stage to its last: "From
// internet users to subscribers, 2025".
func funnelTitle(m *market.Market) string {
	f := m.Outputs.Funnel
	if len(f) < 2 {
		return fmt.Sprintf("Funnel, %d", m.LastYear())
	}
	return fmt.Sprintf("From %s to %s, %d", m.Phrase(f[0]), m.Phrase(f[len(f)-1]), m.LastYear())
}
