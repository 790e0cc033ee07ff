package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// The Sources view: every input with its value, range, unit, source and
// note, then what actually happened and the facts behind the market, in a
// scrollable viewport.

type sources struct {
	s    *session
	w, h int
	vp   viewport.Model
	key  string // what the text was built for
}

func newSources(s *session) sources {
	return sources{s: s, vp: viewport.New(0, 0)}
}

// SetSize sizes the viewport; the text is laid out again by refresh, when
// the view is on screen.
func (v *sources) SetSize(w, h int, _ bool) {
	v.w, v.h = w, h
	v.vp.Width, v.vp.Height = max(1, w-4), max(1, h-2)
}

// refresh rebuilds the text when the width, the values, the currency or
// the theme changed, keeping the scroll position.
func (v *sources) refresh() {
	s := v.s
	key := fmt.Sprint(v.vp.Width, s.values, s.local, s.styles.dark)
	if key == v.key {
		return
	}
	offset := v.vp.YOffset
	v.vp.SetContent(v.text(v.vp.Width))
	v.vp.SetYOffset(offset)
	v.key = key
}

func (v sources) shortHelp() []key.Binding {
	k := v.s.keys
	return []key.Binding{k.Up, k.PageDown, k.NextView}
}

// enableKeys: the text scrolls; goal seek has no input to move here, and
// there is no chart to screenshot or copy.
func (v *sources) enableKeys(k *keyMap, presenting bool) {
	k.GoalSeek.SetEnabled(false)
	if presenting {
		return
	}
	enable(true, &k.Up, &k.Down, &k.PageUp, &k.PageDown)
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
}

// title is what a slide of this view is called.
func (v *sources) title() string { return "Sources" }

func (v *sources) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	v.vp, cmd = v.vp.Update(msg)
	return cmd
}

// View draws the viewport in a panel.
func (v sources) View() string {
	title := fmt.Sprintf("Sources · %d%%", int(v.vp.ScrollPercent()*100))
	return v.s.styles.box(title, v.s.styles.keepBG(v.vp.View()), v.w, v.h, true)
}

func (v sources) text(width int) string {
	s := v.s.styles
	m := v.s.market
	cur := v.s.currency()
	// para wraps text to the width, indented, and paints each line.
	para := func(p paint, text string, indent int) string {
		lines := wrap(text, max(20, width-indent))
		for i := range lines {
			lines[i] = spaces(indent) + p.Render(lines[i])
		}
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	b.WriteString(para(s.Title, m.Title, 0) + "\n")
	b.WriteString(para(s.Faint, fmt.Sprintf("Base year %d, horizon %d years. Ranges are plausible low–high; inputs without a source are assumptions.", m.BaseYear, m.Horizon), 0) + "\n")
	group := ""
	for _, id := range m.Order {
		in := m.Input(id)
		if in.Group != group {
			group = in.Group
			b.WriteString("\n" + s.Group.Render(strings.ToUpper(group)) + "\n")
		}
		val := in.FormatFull(v.s.values[id], cur)
		if v.s.values[id] != in.Default {
			val += s.Moved.Render(" ● default " + in.Format(in.Default, cur))
		}
		b.WriteString("\n" + s.Bold.Render(in.Label) + s.Faint.Render("  "+in.Name) + "\n")
		b.WriteString("  " + s.Subtle.Render("value   ") + s.Value.Render(val) + "\n")
		b.WriteString("  " + s.Subtle.Render("range   ") + s.Text.Render(in.Format(in.Low, cur)+" to "+in.Format(in.High, cur)) +
			s.Faint.Render("   (accepted "+in.Format(in.Min, cur)+" to "+in.Format(in.Max, cur)+")") + "\n")
		src := strings.TrimPrefix(para(s.Accent, in.SourceText(), 10), spaces(10))
		if in.IsAssumption() {
			src = s.Warn.Render("assumption")
		}
		b.WriteString(s.Subtle.Render("  source  ") + src + "\n")
		if in.URL != "" {
			for i, l := range wrap(in.URL, max(20, width-10)) {
				label := "  link    "
				if i > 0 {
					label = spaces(10)
				}
				b.WriteString(s.Subtle.Render(label) + s.Faint.Render(l) + "\n")
			}
		}
		if in.Note != "" {
			b.WriteString(para(s.Text, in.Note, 10) + "\n")
		}
	}
	// The model itself: each series' formula and its value at the horizon,
	// then the checks.
	b.WriteString("\n" + s.Group.Render("THE MODEL") + "\n")
	b.WriteString(para(s.Faint, fmt.Sprintf("Each series is worked out every year from %d (t = 0) to %d, after the ones it names; prev(x) is x the year before.", m.BaseYear, m.LastYear()), 0) + "\n")
	for i := range m.Series {
		se := &m.Series[i]
		o := market.Output(i)
		b.WriteString("\n" + s.Bold.Render(se.Label) + s.Faint.Render("  "+se.ID) + s.Value.Render("  "+m.Format(o, v.s.proj.Last(o), cur)+" in "+fmt.Sprint(m.LastYear())) + "\n")
		b.WriteString(para(s.Text, "= "+se.Formula, 2) + "\n")
	}
	if len(m.Checks) > 0 {
		b.WriteString("\n" + s.Group.Render("CHECKS") + "\n")
		for _, c := range m.Checks {
			b.WriteString("\n" + para(s.Text, "when "+c.When, 0) + "\n" + para(s.Faint, c.Say, 2) + "\n")
		}
	}
	if len(m.History) > 0 {
		b.WriteString("\n" + s.Group.Render("WHAT ACTUALLY HAPPENED") + "\n")
		for _, h := range m.History {
			b.WriteString("\n" + s.Bold.Render(h.Label) + "\n" + para(s.Faint, h.Source, 2) + "\n")
			var pts []string
			for i, y := range h.Years {
				pts = append(pts, fmt.Sprintf("%d %s", y, historyValue(m, h, h.Values[i])))
			}
			b.WriteString(para(s.Text, strings.Join(pts, " · "), 2) + "\n")
			if h.Note != "" {
				b.WriteString(para(s.Faint, h.Note, 2) + "\n")
			}
		}
	}
	if len(m.Facts) > 0 {
		b.WriteString("\n" + s.Group.Render("FACTS") + "\n")
		for _, f := range m.Facts {
			b.WriteString("\n" + para(s.Text, "• "+f.Text, 0) + "\n")
			if f.Source != "" {
				b.WriteString(para(s.Faint, f.Source, 2) + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// historyValue is a history figure as written, in its own unit.
func historyValue(m *market.Market, h market.Series, v float64) string {
	switch {
	case h.Unit == "USD":
		return market.FormatMoney(v, market.USD)
	case m.HasLocal() && h.Unit == m.Local.Code:
		return market.FormatMoney(v, market.Currency{Code: m.Local.Code, Symbol: m.Local.Symbol, PerUSD: 1})
	case h.Unit == "people":
		return market.FormatPeople(v)
	case h.Unit == market.RateUnit:
		return m.Local.Symbol + strconv.FormatFloat(v, 'f', 2, 64) + "/$"
	}
	return fmt.Sprint(v)
}
