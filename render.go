package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sizeup/data"
	"sizeup/market"
	"sizeup/ui"
	"sizeup/ui/export"
)

const renderUsage = `Usage: sizeup render [flags]

Draws a view of the app, or one chart alone, without a terminal: the same
frame the app draws at that size. --view is one of dashboard, uncertainty,
sensitivity, compare, sources (views) or projection, funnel, fan, tornado
(charts alone, with title, subtitle, legend and the assumptions and sources
below). --format deck-png and deck-svg draw the chart's data as a vector
chart for slides instead. Output goes to stdout unless -o names a file,
which is written atomically.

  sizeup render --view projection --size 100x30 --format png -o chart.png
  sizeup render --view compare --compare base,bull,bear --format svg -o cmp.svg
  sizeup render --view uncertainty --presentation --format png --seed 7 -o fan.png
`

func runRender(args []string, stdout, stderr io.Writer) error {
	var c common
	view, size, format, out, theme, compare := "dashboard", "120x40", "png", "", "dark", ""
	presentation, hindsight, linear := false, false, false
	fs := newFlagSet("render", renderUsage, stderr)
	c.register(fs)
	fs.StringVar(&view, "view", view, "what to draw: "+strings.Join(ui.RenderViews, ", "))
	fs.StringVar(&size, "size", size, "the frame in terminal cells, `WxH`")
	fs.StringVar(&format, "format", format, "`txt`, ansi, svg, png, deck-png or deck-svg")
	fs.StringVar(&out, "o", "", "write to `FILE` instead of stdout")
	fs.StringVar(&theme, "theme", theme, "colours: `dark` or light")
	fs.StringVar(&compare, "compare", "", "for --view compare: two or three scenarios, `A,B[,C]` (default base,bull,bear)")
	fs.BoolVar(&presentation, "presentation", false, "draw the view as a slide, as p does in the app")
	fs.BoolVar(&hindsight, "hindsight", false, "draw what actually happened on the projection")
	fs.BoolVar(&linear, "linear", false, "draw the projection on a linear scale (revenue only)")
	if done, err := c.parse(fs, args, stdout); done || err != nil {
		return err
	}
	w, h, err := parseSize(size)
	if err != nil {
		return err
	}
	if theme != "dark" && theme != "light" {
		return fmt.Errorf("--theme %q: give dark or light", theme)
	}
	deckFormat := format == "deck-png" || format == "deck-svg"
	var f export.Format
	if !deckFormat {
		if f, err = export.ParseFormat(format); err != nil {
			return fmt.Errorf("--format %q: give txt, ansi, svg, png, deck-png or deck-svg", format)
		}
	}
	if out == "" && (f == export.PNG || format == "deck-png") && isTerminal(stdoutFile(stdout)) {
		return errors.New("a PNG would go to the terminal; give -o FILE, or redirect stdout")
	}
	m, v, cur, err := c.load()
	if err != nil {
		return err
	}
	req := ui.RenderRequest{View: view, Width: w, Height: h, Presentation: presentation, Hindsight: hindsight, Linear: linear}
	if view == "compare" {
		if compare == "" {
			compare = "base,bull,bear"
		}
		store, _ := data.DefaultStore()
		for _, name := range strings.Split(compare, ",") {
			sc, err := store.Load(m, strings.TrimSpace(name))
			if err != nil {
				return fmt.Errorf("--compare %s: %w", name, err)
			}
			req.Compare = append(req.Compare, *sc)
		}
		if len(req.Compare) < 2 || len(req.Compare) > 3 {
			return fmt.Errorf("--compare %q: give two or three scenarios", compare)
		}
	}
	frame, deck, err := renderFrame(m, v, cur, theme, &c, req)
	if err != nil {
		return err
	}
	opt := export.Options{Theme: export.Dark()}
	if theme == "light" {
		opt.Theme = export.Light()
	}
	write := func(wr io.Writer) error {
		if deckFormat {
			if deck == nil {
				return fmt.Errorf("the %s view has no deck chart; draw it as png or svg", view)
			}
			if format == "deck-png" {
				return export.WriteDeckPNG(wr, *deck, ui.DeckWidth, ui.DeckHeight)
			}
			return export.WriteDeckSVG(wr, *deck, ui.DeckWidth, ui.DeckHeight)
		}
		return export.Write(wr, export.Parse(frame), f, opt)
	}
	if out != "" {
		return export.WriteFileAtomic(out, write)
	}
	var buf bytes.Buffer // whole, so an error leaves nothing half written
	if err := write(&buf); err != nil {
		return err
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}

// renderFrame draws the frame with true colour, whatever the terminal.
func renderFrame(m *market.Market, v market.Values, cur market.Currency, theme string, c *common, req ui.RenderRequest) (string, *export.Chart, error) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	o := ui.Options{Market: m, Values: v, Renderer: r, Theme: theme, CNY: cur.Code == "CNY", Samples: c.samples, Seed: c.seed,
		ScenarioBase: c.opened, ScenarioValue: c.openedValue}
	return ui.RenderFrame(o, req)
}

func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("--size %q: give columns x rows, e.g. 120x40", s)
	}
	return w, h, nil
}

// stdoutFile is stdout as a file, when it is one.
func stdoutFile(w io.Writer) *os.File {
	if f, ok := w.(*os.File); ok {
		return f
	}
	return nil
}
