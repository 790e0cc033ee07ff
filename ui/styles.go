package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/guptarohit/asciigraph"
	"github.com/muesli/termenv"
)

// palette is every colour the UI uses, each adaptive to a light or dark
// terminal. Nothing else in the package names a colour.
var palette = struct {
	text, subtle, faint, border, accent, good, bad, warn lipgloss.AdaptiveColor
	tam, sam, gross, net, risk, actual                   lipgloss.AdaptiveColor
}{
	text:   lipgloss.AdaptiveColor{Light: "#1f2328", Dark: "#e6edf3"},
	subtle: lipgloss.AdaptiveColor{Light: "#57606a", Dark: "#8b949e"},
	faint:  lipgloss.AdaptiveColor{Light: "#8c959f", Dark: "#6e7681"},
	border: lipgloss.AdaptiveColor{Light: "#d0d7de", Dark: "#3d444d"},
	accent: lipgloss.AdaptiveColor{Light: "#0969da", Dark: "#58a6ff"},
	good:   lipgloss.AdaptiveColor{Light: "#1a7f37", Dark: "#3fb950"},
	bad:    lipgloss.AdaptiveColor{Light: "#cf222e", Dark: "#f85149"},
	warn:   lipgloss.AdaptiveColor{Light: "#9a6700", Dark: "#d29922"},
	tam:    lipgloss.AdaptiveColor{Light: "#57606a", Dark: "#8b949e"},
	sam:    lipgloss.AdaptiveColor{Light: "#0969da", Dark: "#58a6ff"},
	gross:  lipgloss.AdaptiveColor{Light: "#bc4c00", Dark: "#f0883e"},
	net:    lipgloss.AdaptiveColor{Light: "#1a7f37", Dark: "#3fb950"},
	risk:   lipgloss.AdaptiveColor{Light: "#8250df", Dark: "#bc8cff"},
	actual: lipgloss.AdaptiveColor{Light: "#cf222e", Dark: "#ff7b72"},
}

// chartColors are the same series colours as 256-colour codes, which is what
// asciigraph writes. They are picked per theme because asciigraph bypasses
// Lip Gloss.
func chartColors(dark bool) map[string]asciigraph.AnsiColor {
	if dark {
		return map[string]asciigraph.AnsiColor{"tam": 246, "sam": 75, "gross": 215, "net": 78, "risk": 183, "actual": 210, "axis": 240, "label": 245,
			"p50": 78, "p5": 245, "p95": 245, "s1": 75, "s2": 215, "s3": 183}
	}
	return map[string]asciigraph.AnsiColor{"tam": 243, "sam": 26, "gross": 166, "net": 28, "risk": 97, "actual": 160, "axis": 250, "label": 242,
		"p50": 28, "p5": 242, "p95": 242, "s1": 26, "s2": 166, "s3": 97}
}

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

	Text, Subtle, Faint, Bold, Accent, Good, Bad, Warn paint
	Brand, Title, Tab, TabActive, HeaderRight          paint
	PanelTitle                                         paint
	Group, Label, LabelSelected, Value, ValueMoved     paint
	Cursor, BarFill, BarEmpty, Knob, KnobOut, Moved    paint
	CardValue, CardLabel, StatusKey, Error, Help       paint

	Series map[string]paint

	// For bubbles components, which take Lip Gloss styles.
	helpKey, helpDesc, helpSep, editorText, editorCursor lipgloss.Style
}

// NewStyles builds the styles for a renderer and a background.
func NewStyles(r *lipgloss.Renderer, dark bool) Styles {
	was := r.HasDarkBackground()
	r.SetHasDarkBackground(dark)
	defer r.SetHasDarkBackground(was)

	fg := func(c lipgloss.AdaptiveColor) lipgloss.Style { return r.NewStyle().Foreground(c) }
	p := func(st lipgloss.Style) paint { return paintOf(st) }
	s := Styles{r: r, dark: dark}
	s.Text = p(fg(palette.text))
	s.Subtle = p(fg(palette.subtle))
	s.Faint = p(fg(palette.faint))
	s.Bold = p(fg(palette.text).Bold(true))
	s.Accent = p(fg(palette.accent))
	s.Good = p(fg(palette.good))
	s.Bad = p(fg(palette.bad))
	s.Warn = p(fg(palette.warn))

	s.Brand = p(fg(palette.accent).Bold(true))
	s.Title = p(fg(palette.text).Bold(true))
	s.Tab = p(fg(palette.subtle))
	s.TabActive = p(fg(palette.accent).Bold(true).Underline(true))
	s.HeaderRight = p(fg(palette.subtle))
	s.PanelTitle = p(fg(palette.text).Bold(true))

	s.Group = p(fg(palette.subtle).Bold(true))
	s.Label = p(fg(palette.text))
	s.LabelSelected = p(fg(palette.accent).Bold(true))
	s.Value = p(fg(palette.text))
	s.ValueMoved = p(fg(palette.accent).Bold(true))
	s.Cursor = p(fg(palette.accent).Bold(true))
	s.BarFill = p(fg(palette.accent))
	s.BarEmpty = p(fg(palette.border))
	s.Knob = p(fg(palette.accent).Bold(true))
	s.KnobOut = p(fg(palette.warn).Bold(true))
	s.Moved = p(fg(palette.warn))

	s.CardValue = p(fg(palette.text).Bold(true))
	s.CardLabel = p(fg(palette.subtle))
	s.StatusKey = p(fg(palette.accent))
	s.Error = p(fg(palette.bad).Bold(true))
	s.Help = p(fg(palette.subtle))

	s.Series = map[string]paint{
		"tam": p(fg(palette.tam)), "sam": p(fg(palette.sam)), "gross": p(fg(palette.gross)),
		"net": p(fg(palette.net)), "risk": p(fg(palette.risk)), "actual": p(fg(palette.actual)),
		"p50": p(fg(palette.net)), "p5": p(fg(palette.subtle)), "p95": p(fg(palette.subtle)),
		"s1": p(fg(palette.sam)), "s2": p(fg(palette.gross)), "s3": p(fg(palette.risk)),
	}

	s.helpKey = fg(palette.accent)
	s.helpDesc = fg(palette.subtle)
	s.helpSep = fg(palette.faint)
	s.editorText = fg(palette.text).Bold(true)
	s.editorCursor = fg(palette.accent)
	return s
}

// colorless reports whether the renderer shows no colour (NO_COLOR, a
// pipe, or a pinned ASCII profile in tests).
func (s Styles) colorless() bool { return s.r.ColorProfile() == termenv.Ascii }
