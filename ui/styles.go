package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// colour is one colour of the palette in both themes, as Lip Gloss takes
// it (hex). The charts paint their lines with these too (plotBody.text),
// so a series is the same colour in its legend and on its line.
type colour struct {
	light, dark string
}

func (c colour) adaptive() lipgloss.AdaptiveColor {
	return lipgloss.AdaptiveColor{Light: c.light, Dark: c.dark}
}

// palette is every colour the UI uses. Nothing else in the package names a
// colour. A theme paints its own background where the terminal's is the
// other kind, so the light theme is readable on a dark terminal and the
// other way round.
var palette = map[string]colour{
	"background": {"#ffffff", "#0d1117"},
	"text":       {"#1f2328", "#e6edf3"},
	"subtle":     {"#57606a", "#8b949e"},
	"faint":      {"#6e7781", "#6e7681"},
	"border":     {"#d0d7de", "#3d444d"},
	"accent":     {"#0969da", "#58a6ff"},
	"good":       {"#1a7f37", "#3fb950"},
	"bad":        {"#cf222e", "#f85149"},
	"warn":       {"#9a6700", "#d29922"},
	"axis":       {"#8c959f", "#484f58"},
	"label":      {"#57606a", "#8b949e"},
	// Chart series: the projection's lines by their place from the last
	// (line4, the last, is usually the headline), the deal-weighted line,
	// the actuals, the fan and compared scenarios.
	"line1":  {"#57606a", "#8b949e"},
	"line2":  {"#0969da", "#58a6ff"},
	"line3":  {"#bc4c00", "#f0883e"},
	"line4":  {"#1a7f37", "#3fb950"},
	"risk":   {"#8250df", "#bc8cff"},
	"actual": {"#cf222e", "#ff7b72"},
	"p50":    {"#1a7f37", "#3fb950"},
	"p5":     {"#57606a", "#8b949e"},
	"p95":    {"#57606a", "#8b949e"},
	"s1":     {"#0969da", "#58a6ff"},
	"s2":     {"#bc4c00", "#f0883e"},
	"s3":     {"#8250df", "#bc8cff"},
}

// seriesNames are the palette's chart series.
var seriesNames = []string{"line1", "line2", "line3", "line4", "risk", "actual", "p50", "p5", "p95", "s1", "s2", "s3"}

// paint is a Lip Gloss style reduced to the escape codes around its text.
// The styles here only colour and weight single lines, so painting is two
// string concatenations instead of a full Render, which matters at one
// frame per keystroke.
type paint struct{ pre, post string }

// Render paints s.
func (p paint) Render(s string) string {
	if p.pre == "" {
		return s
	}
	return p.pre + s + p.post
}

// append appends s, painted, to buf.
func (p paint) append(buf []byte, s string) []byte {
	if p.pre == "" {
		return append(buf, s...)
	}
	return append(append(append(buf, p.pre...), s...), p.post...)
}

// write writes s, painted, to b.
func (p paint) write(b *strings.Builder, s string) {
	if p.pre == "" {
		b.WriteString(s)
		return
	}
	b.WriteString(p.pre)
	b.WriteString(s)
	b.WriteString(p.post)
}

// paintOf renders a marker with the style and keeps what surrounds it.
func paintOf(st lipgloss.Style) paint {
	out := st.Render("\x00")
	i := strings.IndexByte(out, 0)
	if i < 0 {
		return paint{}
	}
	return paint{out[:i], out[i+1:]}
}

// Styles are the paints for one theme. Both themes are built once, in New;
// t swaps between them.
type Styles struct {
	r    *lipgloss.Renderer
	dark bool
	// bg is the escape code that paints the theme's background; "" when
	// the terminal shows no colour.
	bg string

	Text, Subtle, Faint, Bold, Accent, Good, Bad, Warn paint
	Brand, Title, Tab, TabActive, HeaderRight          paint
	PanelTitle                                         paint
	Group, Label, LabelSelected, Value, ValueMoved     paint
	Cursor, BarFill, BarEmpty, Knob, KnobOut, Moved    paint
	CardValue, CardLabel, Error, Selected              paint
	Dim                                                paint // what is behind a form

	Series map[string]paint

	// For bubbles components, which take Lip Gloss styles.
	helpKey, helpDesc, helpSep, editorText, editorCursor lipgloss.Style
}

// NewStyles builds the styles for a renderer and a background. With
// paintBG the theme paints its own background colour under every cell, for
// a terminal whose own background is the other kind (or is not known).
func NewStyles(r *lipgloss.Renderer, dark, paintBG bool) Styles {
	was := r.HasDarkBackground()
	r.SetHasDarkBackground(dark)
	defer r.SetHasDarkBackground(was)

	c := func(name string) lipgloss.AdaptiveColor { return palette[name].adaptive() }
	fg := func(name string) lipgloss.Style { return r.NewStyle().Foreground(c(name)) }
	s := Styles{r: r, dark: dark}
	if paintBG && r.ColorProfile() != termenv.Ascii {
		s.bg = paintOf(r.NewStyle().Background(c("background"))).pre
	}
	// Every paint puts the background back after its reset, so a frame
	// keeps it from edge to edge without being rewritten.
	p := func(st lipgloss.Style) paint {
		pt := paintOf(st)
		if pt.pre != "" {
			pt.post += s.bg
		}
		return pt
	}
	s.Text = p(fg("text"))
	s.Subtle = p(fg("subtle"))
	s.Faint = p(fg("faint"))
	s.Bold = p(fg("text").Bold(true))
	s.Accent = p(fg("accent"))
	s.Good = p(fg("good"))
	s.Bad = p(fg("bad"))
	s.Warn = p(fg("warn"))

	s.Brand = p(fg("accent").Bold(true))
	s.Title = p(fg("text").Bold(true))
	s.Tab = p(fg("subtle"))
	s.TabActive = p(fg("accent").Bold(true).Underline(true))
	s.HeaderRight = p(fg("subtle"))
	s.PanelTitle = p(fg("text").Bold(true))

	s.Group = p(fg("subtle").Bold(true))
	s.Label = p(fg("text"))
	s.LabelSelected = p(fg("accent").Bold(true))
	s.Value = p(fg("text"))
	s.ValueMoved = p(fg("accent").Bold(true))
	s.Cursor = p(fg("accent").Bold(true))
	s.BarFill = p(fg("accent"))
	s.BarEmpty = p(fg("border"))
	s.Knob = p(fg("accent").Bold(true))
	s.KnobOut = p(fg("warn").Bold(true))
	s.Moved = p(fg("warn"))

	s.CardValue = p(fg("text").Bold(true))
	s.CardLabel = p(fg("subtle"))
	s.Error = p(fg("bad").Bold(true))
	s.Dim = p(fg("axis"))
	s.Selected = p(r.NewStyle().Foreground(c("background")).Background(c("accent")))

	s.Series = map[string]paint{}
	for _, name := range append(seriesNames, "axis", "label") {
		s.Series[name] = p(fg(name))
	}

	s.helpKey = fg("accent")
	s.helpDesc = fg("subtle")
	s.helpSep = fg("faint")
	s.editorText = fg("text").Bold(true)
	s.editorCursor = fg("accent")
	return s
}

// colorless reports whether the renderer shows no colour (NO_COLOR, a
// pipe, or a pinned ASCII profile in tests).
func (s Styles) colorless() bool { return s.r.ColorProfile() == termenv.Ascii }

// resetSGR is the reset Lip Gloss and termenv end a colour with.
const resetSGR = "\x1b[0m"

// keepBG puts the background back after every reset in a fragment drawn
// outside the theme's paints (the bubbles components). Paints already do
// so.
func (s Styles) keepBG(fragment string) string {
	if s.bg == "" {
		return fragment
	}
	// Both spellings of a reset: lipgloss pads with "\x1b[m" after its own.
	return strings.NewReplacer(resetSGR, resetSGR+s.bg, shortReset, shortReset+s.bg).Replace(fragment)
}

// shortReset is the reset without its 0, as lipgloss writes it before the
// padding it adds.
const shortReset = "\x1b[m"

// frame gives every line of a frame the theme's background from its first
// cell to its last: the lines start with it, and inside them the paints and
// keepBG have kept it.
func (s Styles) frame(lines string) string {
	if s.bg == "" {
		return lines
	}
	return s.bg + strings.ReplaceAll(lines, "\n", resetSGR+"\n"+s.bg) + resetSGR
}
