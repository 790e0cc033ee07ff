package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sizeup/data/scenarios"
	"sizeup/internal/atomicfile"
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
	fs.StringVar(&compare, "compare", "", "for --view compare: two or three scenarios, `A,B[,C]` (default: the market's first three presets)")
	fs.BoolVar(&presentation, "presentation", false, "draw the view as a slide, as p does in the app")
	fs.BoolVar(&hindsight, "hindsight", false, "draw what actually happened on the projection")
	fs.BoolVar(&linear, "linear", false, "draw the projection on a linear scale (revenue only)")
	if done, err := c.parse(fs, args, stdout); done || err != nil {
		return err
	}
	if c.given["o"] && out == "" {
		return errors.New("-o is empty; give a file name, or leave -o out to write to stdout")
	}
	w, h, err := parseSize(size)
	if err != nil {
		return err
	}
	if theme != "dark" && theme != "light" {
		return fmt.Errorf("--theme %s: give dark or light", market.QuoteShort(theme))
	}
	deckFormat := format == "deck-png" || format == "deck-svg"
	var f export.Format
	if !deckFormat {
		if f, err = export.ParseFormat(format); err != nil {
			return fmt.Errorf("--format %s: give txt, ansi, svg, png, deck-png or deck-svg", market.QuoteShort(format))
		}
	}
	if out == "" && (f == export.PNG || format == "deck-png") && isTerminal(stdoutFile(stdout)) {
		return errors.New("a PNG would go to the terminal; give -o FILE, or redirect stdout")
	}
	if out != "" {
		// Refuse a folder, a link, a special file or a missing folder now,
		// before any drawing.
		if _, _, err := atomicfile.Check(out); err != nil {
			return err
		}
		if dir := filepath.Dir(out); !isDir(dir) {
			return fmt.Errorf("-o %s: the folder %s does not exist; sizeup does not create folders for -o, so create it first or give another path", out, dir)
		}
	}
	m, v, cur, err := c.load()
	if err != nil {
		return err
	}
	if err := c.fitMemory(m, false); err != nil {
		return err
	}
	req := ui.RenderRequest{View: view, Width: w, Height: h, Presentation: presentation, Hindsight: hindsight, Linear: linear}
	if view == "compare" {
		if compare == "" {
			// The market's first three presets (China: Base, Bull, Bear).
			var names []string
			for _, p := range m.Presets[:min(3, len(m.Presets))] {
				names = append(names, p.Name)
			}
			compare = strings.Join(names, ",")
		}
		names := strings.Split(compare, ",")
		if len(names) < 2 || len(names) > 3 {
			return fmt.Errorf("--compare %s: give two or three scenarios, e.g. base,bull,bear", market.QuoteShort(compare))
		}
		store, _ := scenarios.DefaultStore()
		for i, name := range names {
			name = strings.TrimSpace(name)
			if name == "" {
				return fmt.Errorf("--compare %s: scenario %d is empty; give two or three names separated by commas", market.QuoteShort(compare), i+1)
			}
			sc, err := store.Load(m, name)
			if err != nil {
				return fmt.Errorf("--compare %s: %w", market.QuoteShort(name), err)
			}
			for _, other := range req.Compare {
				if strings.EqualFold(other.Name, sc.Name) {
					return fmt.Errorf("--compare %s: %s is named twice; give two or three different scenarios", market.QuoteShort(compare), sc.Name)
				}
			}
			req.Compare = append(req.Compare, *sc)
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
		return export.WriteOutput(out, write)
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
	o := ui.Options{Market: m, Values: v, Renderer: r, Theme: theme, Local: cur.Code != "USD", Samples: c.samples, Seed: c.seed,
		ScenarioBase: c.opened, ScenarioValue: c.openedValue}
	return ui.RenderFrame(o, req)
}

// maxCells bounds each side of a rendered frame: a 1000×1000 PNG is
// already 8000×16000 pixels.
const maxCells = 1000

func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w <= 0 || h <= 0 || w > maxCells || h > maxCells {
		return 0, 0, fmt.Errorf("--size %s: give columns x rows, each 1 to %d, e.g. 120x40", market.QuoteShort(s), maxCells)
	}
	return w, h, nil
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// stdoutFile is stdout as a file, when it is one.
func stdoutFile(w io.Writer) *os.File {
	if f, ok := w.(*os.File); ok {
		return f
	}
	return nil
}
