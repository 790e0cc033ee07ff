package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// Presentation mode (p) and charts alone: a frame that can go on a slide
// as it is. No cursor, no help bar, no selection, no key hints; a title, a
// subtitle saying which market, scenario, years and currency, and a footer
// with the key assumptions, the sources and, for Monte Carlo, the sample
// count and seed.

// Chart names a chart that can be drawn alone, for export and for
// sizeup render.
type Chart string

// The charts that can be drawn alone.
const (
	ChartProjection Chart = "projection"
	ChartFunnel     Chart = "funnel"
	ChartFan        Chart = "fan"
	ChartTornado    Chart = "tornado"
	ChartCompare    Chart = "compare"
)

// slide is presentation mode (p): the current view as a slide, with a
// title, a subtitle and a footer of assumptions and sources.
type slide struct {
	s    *session
	w, h int
}

func (p *slide) SetSize(w, h int) { p.w, p.h = w, h }

// bodySize is what a slide leaves for the view between its title and its
// footer.
func (p slide) bodySize(view view) (int, int) {
	h := p.h - slideTitle - len(footerLines(p.s, view, p.w, p.h))
	if p.s.status.text != "" {
		h-- // the status line, under the footer while it lasts
	}
	return p.w, max(1, h)
}

func (p slide) shortHelp() []key.Binding {
	k := p.s.keys
	return []key.Binding{k.Present, k.Back, k.Export, k.Quit}
}

// enableKeys: esc leaves the slide as p does.
func (p *slide) enableKeys(k *keyMap) {
	k.Back.SetEnabled(true)
	k.Back.SetHelp("esc", "leave the slide")
}

// Update leaves the slide on p or esc and says so; the other keys are the
// root's (done is false).
func (p *slide) Update(msg tea.Msg) (tea.Cmd, bool) {
	if k, ok := msg.(tea.KeyMsg); ok && (key.Matches(k, p.s.keys.Present) || key.Matches(k, p.s.keys.Back)) {
		return p.s.setStatus("Left presentation mode."), true
	}
	return nil, false
}

// frame puts a body (exactly the body size) between the title and footer.
// While the status line has something to say (how to leave, a screenshot
// written) it goes under the footer, and goes when its time is up.
func (p slide) frame(view view, title, body string) string {
	foot := footerLines(p.s, view, p.w, p.h)
	if st := p.s.status; st.text != "" {
		paint := p.s.styles.Accent
		if st.isError {
			paint = p.s.styles.Error
		}
		foot = append(foot, fit(" "+paint.Render(st.text), p.w))
	}
	_, bh := p.bodySize(view)
	return titleBlock(p.s, title, p.w) + "\n" + fitLines(body, p.w, bh) + "\n" + strings.Join(foot, "\n")
}

// subtitle is market · scenario · years · currency.
func subtitle(s *session) string {
	scenario := s.scenario.name
	if s.changed() {
		scenario += ", changed"
	}
	return fmt.Sprintf("%s · scenario %s · %d–%d · money in %s", s.market.Name, scenario, s.market.BaseYear, s.market.LastYear(), s.currency().Code)
}

// titleBlock is the two lines above a slide.
func titleBlock(s *session, title string, w int) string {
	st := s.styles
	return fit(" "+st.Title.Render(title), w) + "\n" + fit(" "+st.Subtle.Render(subtitle(s)), w)
}

// assumptions names the inputs a reader needs to read the numbers (the
// session's keyInputs), then any other input moved from its default, then
// the switches turned off ("Mobile plan off", as the others read "Price
// $7.45/mo"); moved ones are marked with ●.
func assumptions(s *session) string {
	cur := s.currency()
	m := s.market
	parts := make([]string, 0, len(s.keyInputs)+1)
	var off []string
	said := map[string]bool{}
	for _, id := range m.Order {
		in := m.Input(id)
		if in.Family != "" {
			// An input with dims once, as its row shows it: the total or mean.
			if !said[in.Family] {
				said[in.Family] = true
				if part, ok := familyAssumption(s, in.Family); ok {
					parts = append(parts, part)
				}
			}
			continue
		}
		moved := s.values[id] != in.Default
		mark := ""
		if moved {
			mark = "●"
		}
		switch {
		case in.Kind == market.KindSwitch:
			if s.values[id] < 0.5 {
				off = append(off, in.Label+" off"+mark)
			}
		case moved || slices.Contains(s.keyInputs, id):
			parts = append(parts, in.Label+" "+in.Format(s.values[id], cur)+mark)
		}
	}
	return "Assumptions: " + strings.Join(append(parts, off...), ", ") + "."
}

// familyAssumption is an input with dims on a slide's footer, "Households
// 9.30M" (● when an item moved), when an item is moved or key.
func familyAssumption(s *session, family string) (string, bool) {
	m := s.market
	ids := m.Family(family)
	key := slices.ContainsFunc(ids, func(id market.ID) bool { return slices.Contains(s.keyInputs, id) })
	moved := anyMoved(s, ids)
	if !key && !moved {
		return "", false
	}
	v, _ := familyValue(m, &s.values, ids)
	part := familyLabel(m, ids) + " " + m.Input(ids[0]).Format(v, s.currency())
	if moved {
		part += "●"
	}
	return part, true
}

// keyInputs are the inputs a slide's footer names: the three that move
// each card (and the headline) most at the defaults in the horizon year,
// and the deal.
func keyInputs(m *market.Market, defaults *market.Values) []market.ID {
	var ids []market.ID
	for _, o := range compareOutputs(m) {
		t := m.Tornado(defaults, o, m.LastYear())
		n := 0
		for _, b := range t.Bars {
			if n == 3 {
				break
			}
			if k := m.Input(b.Input).Kind; k != market.KindSwitch && k != market.KindRate {
				n++
				if !slices.Contains(ids, b.Input) {
					ids = append(ids, b.Input)
				}
			}
		}
	}
	if m.Outputs.HasDeal && !slices.Contains(ids, m.Outputs.Deal) {
		ids = append(ids, m.Outputs.Deal)
	}
	return ids
}

// sourcesLine names the sources behind the inputs, once each: every
// input's, or with few only those of the inputs the footer names (the key
// ones and the moved ones), and how many more the Sources view lists.
func sourcesLine(s *session, v view, few bool) string {
	seen := map[string]bool{}
	var names []string
	assumed, more := 0, 0
	counted := map[string]bool{} // an input with dims counts once
	for _, id := range s.market.Order {
		in := s.market.Input(id)
		if in.Family != "" {
			if counted[in.Family] {
				continue
			}
			counted[in.Family] = true
		}
		if few && !slices.Contains(s.keyInputs, id) && s.values[id] == in.Default {
			if !in.IsAssumption() {
				more++
			}
			continue
		}
		if in.IsAssumption() {
			assumed++
			continue
		}
		for _, src := range citedAs(in) {
			first, _, _ := strings.Cut(src, " ") // CNNIC's reports once, not per report
			first = strings.TrimRight(first, ",")
			if strings.HasPrefix(src, "assumption ") {
				first = src
			}
			if !seen[first] {
				seen[first] = true
				names = append(names, src)
			}
		}
	}
	// The tables' sources: figures behind every number.
	for _, tb := range s.market.Tables {
		if tb.Source != "" && !seen[tb.Source] {
			seen[tb.Source] = true
			names = append(names, tb.Source)
		}
	}
	line := "Sources: " + strings.Join(names, "; ")
	if len(names) == 0 {
		line = "Sources: none cited"
	}
	switch {
	case few && assumed > 0:
		line += fmt.Sprintf("; %d of these inputs are assumptions; the other %d inputs' sources are in the Sources view.", assumed, more)
	case few:
		line += fmt.Sprintf("; the other %d inputs' sources are in the Sources view.", more)
	default:
		line += fmt.Sprintf("; %d inputs are assumptions (see Sources).", assumed)
	}
	if views[v].mc {
		if r := s.mc.result(); r != nil {
			line += fmt.Sprintf(" Monte Carlo: %s samples, seed %d", market.FormatCount(r.N), r.Seed)
			if s.market.Outputs.HasDeal {
				line += ", percentiles given a signed deal"
			}
			line += "."
		}
	}
	return line + " Made with sizeup."
}

// citedAs is how a slide's footer names an input's sources: each of them
// ("A; B") apart, the outlet without its detail in brackets, the source's
// year after the last unless the text already gives one (no "FICCI-EY
// 2024 2024"), and "assumption anchored on …" in lower case, as it sits
// mid-list.
func citedAs(in *market.Input) []string {
	parts := strings.Split(withoutBrackets(in.Source), "; ")
	for i, p := range parts {
		if rest, ok := strings.CutPrefix(p, "Assumption "); ok {
			p = "assumption " + rest
		}
		parts[i] = p
	}
	if in.SourceYear != 0 && !namesAYear(strings.Join(parts, " ")) {
		parts[len(parts)-1] += fmt.Sprintf(" %d", in.SourceYear)
	}
	return parts
}

// withoutBrackets is text without its asides in brackets: "Bloomberg via
// The Hollywood Reporter (CNNIC …)" is the outlet.
func withoutBrackets(text string) string {
	var b strings.Builder
	depth := 0
	for i, r := range text {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0 && !(r == ' ' && strings.HasPrefix(text[i+1:], "(")):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// namesAYear reports whether text holds a year, four digits from 1800 to
// 2099 standing alone ("Oct-Dec 2016", "2019-2023"; not "213" or "1,100").
func namesAYear(text string) bool {
	digit := func(i int) bool { return i >= 0 && i < len(text) && text[i] >= '0' && text[i] <= '9' }
	for i := 0; i+4 <= len(text); i++ {
		if digit(i-1) || digit(i+4) {
			continue
		}
		if y, err := strconv.Atoi(text[i : i+4]); err == nil && y >= 1800 && y <= 2099 {
			return true
		}
	}
	return false
}

// footerLines are the assumptions and sources below a slide of height h,
// wrapped to the width, every word of them. Sources of every input when
// they leave the slide two thirds of its height, else those of the inputs
// the footer names.
func footerLines(s *session, v view, w, h int) []string {
	st := s.styles
	lines := func(few bool) []string {
		var out []string
		for _, text := range footerTexts(s, v, few) {
			for _, l := range wrap(text, w-2) {
				out = append(out, fit(" "+st.Faint.Render(l), w))
			}
		}
		return out
	}
	all := lines(false)
	if len(all) <= h/3 {
		return all
	}
	return lines(true)
}

// footerTexts are the footer's sentences, before wrapping.
func footerTexts(s *session, v view, few bool) []string {
	return []string{assumptions(s), sourcesLine(s, v, few)}
}
