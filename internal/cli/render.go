package cli

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

// renderFlags are render's own flags, beside the common ones.
type renderFlags struct {
	common
	view, size, format, out, theme, compare string
	presentation, hindsight, linear         bool

	// Set by check.
	width, height int
	frameFormat   export.Format // for txt, ansi, svg and png
}

func runRender(e env, args []string) error {
	defer oneShotGC()()
	f := renderFlags{view: "dashboard", size: "120x40", format: "png", theme: "dark"}
	fs := newFlagSet("render", renderUsage, e.stderr)
	f.register(fs)
	fs.StringVar(&f.view, "view", f.view, "what to draw: "+strings.Join(ui.RenderViews, ", "))
	fs.StringVar(&f.size, "size", f.size, "the frame in terminal cells, `WxH`")
	fs.StringVar(&f.format, "format", f.format, "`txt`, ansi, svg, png, deck-png or deck-svg")
	fs.StringVar(&f.out, "o", "", "write to `FILE` instead of stdout")
	fs.StringVar(&f.theme, "theme", f.theme, "colours: `dark` or light")
	fs.StringVar(&f.compare, "compare", "", "for --view compare: two or three scenarios, `A,B[,C]` (default: the market's first three presets)")
	fs.BoolVar(&f.presentation, "presentation", false, "draw the view as a slide, as p does in the app")
	fs.BoolVar(&f.hindsight, "hindsight", false, "draw what actually happened on the projection")
	fs.BoolVar(&f.linear, "linear", false, "draw the projection on a linear scale (revenue only)")
	if done, err := f.parse(fs, args, e); done || err != nil {
		return err
	}
	if err := f.check(e.stdout); err != nil {
		return err
	}
	m, v, cur, err := f.load()
	if err != nil {
		return err
	}
	if err := f.fitMemory(m, false); err != nil {
		return err
	}
	req := ui.RenderRequest{View: f.view, Width: f.width, Height: f.height, Presentation: f.presentation, Hindsight: f.hindsight, Linear: f.linear}
	if f.view == "compare" {
		if req.Compare, err = f.compareScenarios(m); err != nil {
			return err
		}
	}
	write, err := f.draw(m, v, cur, req)
	if err != nil {
		return err
	}
	return f.write(e.stdout, write)
}

// check refuses, before anything is loaded or drawn, flags that cannot
// work: an empty -o, a bad size, theme or format, a PNG for the terminal,
// or an -o that names a folder, a link or a special file.
func (f *renderFlags) check(stdout io.Writer) error {
	if f.given["o"] && f.out == "" {
		return errors.New("-o is empty; give a file name, or leave -o out to write to stdout")
	}
	var err error
	if f.width, f.height, err = parseSize(f.size); err != nil {
		return err
	}
	if f.theme != "dark" && f.theme != "light" {
		return fmt.Errorf("--theme %s: give dark or light", market.QuoteShort(f.theme))
	}
	if !f.deck() {
		if f.frameFormat, err = export.ParseFormat(f.format); err != nil {
			return fmt.Errorf("--format %s: give txt, ansi, svg, png, deck-png or deck-svg", market.QuoteShort(f.format))
		}
	}
	if f.out == "" && (f.frameFormat == export.PNG || f.format == "deck-png") && isTerminal(stdoutFile(stdout)) {
		return errors.New("a PNG would go to the terminal; give -o FILE, or redirect stdout")
	}
	if f.out != "" {
		return f.checkOut()
	}
	return nil
}

// checkOut refuses an -o that names a folder, a link or a special file, or
// an existing file that is not render's to replace: one its permission
// bits keep from this user, the market or scenario being drawn, or a file
// of another kind (-o m.toml with --format png). atomicfile.Write checks
// again when it writes (a missing folder is refused then).
func (f *renderFlags) checkOut() error {
	ext := f.extension()
	_, existed, err := atomicfile.Check(f.out, "chart"+ext)
	if err != nil || !existed {
		return err
	}
	if err := atomicfile.RefuseReadOnly(f.out); err != nil {
		return fmt.Errorf("-o %w", err)
	}
	if in := f.fileInUse(); in != "" {
		return fmt.Errorf("-o %s is the %s being drawn; give another file name", f.out, in)
	}
	if got := strings.ToLower(filepath.Ext(f.out)); got != ext && !(f.format == "ansi" && got == ".txt") {
		return fmt.Errorf("-o %s exists and is not a %s file; render replaces only a file of the format it writes, so give a name ending in %s", f.out, ext, ext)
	}
	return nil
}

// extension is the file name ending of --format: ".png" for png and
// deck-png, ".svg", ".txt", ".ansi".
func (f *renderFlags) extension() string {
	return "." + strings.TrimPrefix(f.format, "deck-")
}

// fileInUse names what -o is, when it is the --market file or the
// --scenario file (or saved scenario) the drawing reads: "market file".
func (f *renderFlags) fileInUse() string {
	out, err := os.Stat(f.out)
	if err != nil {
		return ""
	}
	same := func(path string) bool {
		info, err := os.Stat(path)
		return path != "" && err == nil && os.SameFile(info, out)
	}
	if same(f.marketFile) {
		return "market file"
	}
	if f.scenario != "" {
		store, _ := scenarios.DefaultStore()
		if saved, err := store.Path(f.scenario); same(f.scenario) || (err == nil && same(saved)) {
			return "scenario file"
		}
	}
	return ""
}

// deck is true for the vector chart formats, which draw the chart's data
// rather than the frame.
func (f *renderFlags) deck() bool { return f.format == "deck-png" || f.format == "deck-svg" }

// compareScenarios loads --compare's two or three scenarios, by default
// the market's first three presets (China: Base, Bull, Bear).
func (f *renderFlags) compareScenarios(m *market.Market) ([]market.Scenario, error) {
	if f.compare == "" {
		var names []string
		for _, p := range m.Presets[:min(3, len(m.Presets))] {
			names = append(names, p.Name)
		}
		f.compare = strings.Join(names, ",")
	}
	names := strings.Split(f.compare, ",")
	if len(names) < 2 || len(names) > 3 {
		return nil, fmt.Errorf("--compare %s: give two or three scenarios, e.g. base,bull,bear", market.QuoteShort(f.compare))
	}
	store, _ := scenarios.DefaultStore()
	var scenarios []market.Scenario
	for i, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, fmt.Errorf("--compare %s: scenario %d is empty; give two or three names separated by commas", market.QuoteShort(f.compare), i+1)
		}
		sc, err := store.Load(m, name)
		if err != nil {
			return nil, fmt.Errorf("--compare %s: %w", market.QuoteShort(name), err)
		}
		for _, other := range scenarios {
			if strings.EqualFold(other.Name, sc.Name) {
				return nil, fmt.Errorf("--compare %s: %s is named twice; give two or three different scenarios", market.QuoteShort(f.compare), sc.Name)
			}
		}
		scenarios = append(scenarios, *sc)
	}
	return scenarios, nil
}

// draw draws the frame, with true colour whatever the terminal, and
// returns what writes it in the format asked.
func (f *renderFlags) draw(m *market.Market, v market.Values, cur market.Currency, req ui.RenderRequest) (func(io.Writer) error, error) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	o := ui.Options{Market: m, Values: v, Renderer: r, Theme: f.theme, Local: cur.Code != "USD", Samples: f.samples, Seed: f.seed,
		ScenarioBase: f.opened, ScenarioValue: f.openedValue}
	frame, plots, deck, err := ui.RenderShot(o, req)
	if err != nil {
		return nil, err
	}
	if f.deck() {
		if deck == nil {
			return nil, fmt.Errorf("the %s view has no deck chart; draw it as png or svg", f.view)
		}
		if f.format == "deck-png" {
			return func(w io.Writer) error { return export.WriteDeckPNG(w, *deck, ui.DeckWidth, ui.DeckHeight) }, nil
		}
		return func(w io.Writer) error { return export.WriteDeckSVG(w, *deck, ui.DeckWidth, ui.DeckHeight) }, nil
	}
	opt := export.Options{Theme: export.Dark()}
	if f.theme == "light" {
		opt.Theme = export.Light()
	}
	g := export.Parse(frame)
	g.Plots = plots
	return func(w io.Writer) error { return export.Write(w, g, f.frameFormat, opt) }, nil
}

// write writes the drawing to -o atomically, or whole to stdout, so an
// error leaves nothing half written.
func (f *renderFlags) write(stdout io.Writer, write func(io.Writer) error) error {
	if f.out != "" {
		err := atomicfile.Write(f.out, atomicfile.Options{Example: "chart" + f.extension(), RefuseReadOnly: true}, write)
		if _, ok := errors.AsType[*atomicfile.MissingDirError](err); ok {
			return fmt.Errorf("-o %s: %w, so create it first or give another path", f.out, err)
		}
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	_, err := stdout.Write(buf.Bytes())
	return err
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

// stdoutFile is stdout as a file, when it is one.
func stdoutFile(w io.Writer) *os.File {
	if f, ok := w.(*os.File); ok {
		return f
	}
	return nil
}
