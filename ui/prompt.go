package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// The prompt: one line of text in the footer, for an input's exact value,
// the Uncertainty view's target, a scenario's name and note, or a new name.
// The value it opens with is selected, so typing replaces it; the arrow
// keys keep it and move the cursor. Pasted text, bracketed or a burst of
// runes, is text, never keys. A refusal keeps the old value and the prompt
// open with the reason.

type promptKind int

const (
	promptValue    promptKind = iota // the selected input's value
	promptTarget                     // the Uncertainty view's target
	promptSaveName                   // the name to save the sliders under
	promptSaveNote                   // then its note
	promptRename                     // a saved scenario's new name
)

type prompt struct {
	s    *session
	kind promptKind
	text field
	id   market.ID // for promptValue
	name string    // the name being saved, or renamed from
	err  string
}

func newPrompt(s *session) prompt { return prompt{s: s, text: newField(s.styles)} }

// open starts the prompt with a value, selected.
func (p *prompt) open(kind promptKind, value string, width, limit int) tea.Cmd {
	p.kind, p.err = kind, ""
	return p.text.set(value, width, limit)
}

// promptRequest is what a view's ⏎ asks the prompt for: a kind, and for
// a value, the input.
type promptRequest struct {
	kind promptKind
	id   market.ID
}

// openFor opens the prompt a view asked for.
func (p *prompt) openFor(r promptRequest) tea.Cmd {
	if r.kind == promptTarget {
		return p.openTarget()
	}
	return p.openValue(r.id)
}

func (p *prompt) openValue(id market.ID) tea.Cmd {
	p.id = id
	in := p.s.market.Input(id)
	return p.open(promptValue, in.Format(p.s.values[id], p.s.currency()), 20, 40)
}

func (p *prompt) openTarget() tea.Cmd {
	return p.open(promptTarget, market.FormatMoney(p.s.mc.target, p.s.currency()), 20, 40)
}

func (p *prompt) openSave(name string) tea.Cmd {
	p.name = ""
	return p.open(promptSaveName, name, 30, 64)
}

func (p *prompt) openRename(from string) tea.Cmd {
	p.name = from
	return p.open(promptRename, from, 30, 64)
}

// close ends the prompt; the caller says done to the root.
func (p *prompt) close() {
	p.err = ""
	p.text.blur()
}

// label and accepted are what the footer says around the text.
func (p prompt) label() string {
	switch p.kind {
	case promptTarget:
		return "Target " + p.s.market.Phrase(p.s.market.Outputs.Headline)
	case promptSaveName:
		return "Save as"
	case promptSaveNote:
		return "Note for " + p.name
	case promptRename:
		return "Rename " + p.name + " to"
	}
	return p.s.market.Input(p.id).Label
}

func (p prompt) accepted() string {
	const name = "a name: letters, digits, spaces and - _ . , ' ( ) + &, up to 64 characters"
	switch p.kind {
	case promptTarget:
		if m := p.s.market; m.HasLocal() {
			return "an amount like $500M, 1.2bn or " + m.Local.Symbol + "3bn"
		}
		return "an amount like $500M or 1.2bn"
	case promptSaveName, promptRename:
		return name
	case promptSaveNote:
		return "a sentence on what this scenario is about (or nothing); enter saves"
	}
	return p.s.market.Input(p.id).Accepted()
}

// enableKeys: enter applies, esc cancels; every other key types.
func (p *prompt) enableKeys(k *keyMap) {
	enable(true, &k.Apply, &k.Cancel)
	k.Apply.SetHelp("⏎", "apply")
	k.Cancel.SetHelp("esc", "cancel")
}

func (p *prompt) shortHelp() []key.Binding {
	k := p.s.keys
	return []key.Binding{k.Apply, k.Cancel}
}

// Update types, applies or cancels; done says the prompt closed.
func (p *prompt) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	keys := p.s.keys
	switch {
	case isPaste(k):
	case key.Matches(k, keys.Cancel):
		p.close()
		return p.s.setStatus("Kept " + p.kept() + "."), true
	case key.Matches(k, keys.Apply):
		return p.apply()
	}
	var cmd tea.Cmd
	var changed bool
	p.text, cmd, changed = p.text.Update(k)
	if changed {
		p.err = ""
	}
	return cmd, false
}

// kept is what esc leaves as it was.
func (p prompt) kept() string {
	switch p.kind {
	case promptTarget:
		return "the target"
	case promptSaveName, promptSaveNote:
		return "the scenario unsaved"
	case promptRename:
		return "the name"
	}
	return p.s.market.Input(p.id).Label + " as it was"
}

// apply acts on the text; a refusal keeps the prompt open with the
// reason. done says it closed.
func (p *prompt) apply() (tea.Cmd, bool) {
	s := p.s
	text := p.text.value()
	switch p.kind {
	case promptValue:
		in := s.market.Input(p.id)
		v, err := in.Parse(text, s.localCurrency())
		if err != nil {
			p.err = sentence(err)
			return nil, false
		}
		// A bare number while showing the local currency is in it.
		if s.local && (in.Unit == market.UnitUSD || in.Unit == market.UnitUSDPerMonth || in.Unit == market.UnitMoneyPer) && !s.hasCurrency(text) {
			v /= s.localRate()
			if v < in.Min || v > in.Max {
				p.err = in.Label + ": " + in.Format(v, s.currency()) + " is outside what it accepts: " + in.Format(in.Min, s.currency()) + " to " + in.Format(in.Max, s.currency()) + "."
				return nil, false
			}
		}
		p.close()
		return s.change(func(vals *market.Values) { vals[in.ID] = v }, s.stepWhat(in.ID, v), in.Label+" set to "+in.Format(v, s.currency())+"."), true
	case promptTarget:
		h := s.market.Outputs.Headline
		v, err := s.market.ParseTarget(h, text, s.localCurrency())
		if err != nil {
			p.err = sentence(err)
			return nil, false
		}
		if s.local && !s.hasCurrency(text) {
			v /= s.localRate()
		}
		p.close()
		s.mc.setTarget(v)
		return s.setStatus("Target: " + s.market.Phrase(h) + " of " + market.FormatMoney(v, s.currency()) + " in " + fmt.Sprint(s.market.LastYear()) + "."), true
	case promptSaveName:
		name := strings.TrimSpace(text)
		if err := p.checkName(name); err != "" {
			p.err = err
			return nil, false
		}
		p.name = name
		return p.open(promptSaveNote, s.scenario.note, 40, 200), false
	case promptSaveNote:
		sc := s.scenario.base.WithValues(s.market, s.values)
		sc.Name, sc.Market, sc.Note = p.name, s.market.Name, strings.TrimSpace(text)
		values, store := s.values, s.store
		p.close()
		return tea.Batch(s.setStatus("Saving "+sc.Name+"…"), func() tea.Msg {
			path, err := store.Save(sc)
			return scenarioSavedMsg{sc, values, path, err}
		}), true
	case promptRename:
		from, to := p.name, strings.TrimSpace(text)
		if to == from {
			p.close()
			return nil, false
		}
		if err := p.checkName(to); err != "" {
			p.err = err
			return nil, false
		}
		store := s.store
		p.close()
		return func() tea.Msg { return scenarioRenamedMsg{from, to, store.Rename(from, to)} }, true
	}
	return nil, false
}

// checkName refuses a name before anything else is asked or written.
func (p prompt) checkName(name string) string {
	if name == "" {
		return "A scenario needs a name: letters, digits and spaces, up to 64 characters."
	}
	if err := p.s.store.CheckName(name); err != nil {
		return sentence(err)
	}
	return ""
}

// View is the prompt's line: label, the text (selected while fresh), keys.
func (p prompt) View() string {
	st := p.s.styles
	return st.Accent.Render(" "+p.label()+" ▸ ") + p.text.View(st) + "  " + st.Faint.Render("⏎ apply · esc cancel")
}

// hint is the line under the prompt: the refusal, or what is accepted.
func (p prompt) hint() (string, bool) {
	if p.err != "" {
		return p.err, true
	}
	what := "type " + p.accepted()
	if p.text.fresh {
		what += " (typing replaces the value shown)"
	}
	return what, false
}

// hasCurrency reports whether typed text names a currency itself: USD,
// or the market's own (which only it reads, so a parse that needs it is
// one that names it).
func (s *session) hasCurrency(text string) bool {
	t := strings.ToLower(text)
	if strings.Contains(t, "$") || strings.Contains(t, "usd") {
		return true
	}
	if !s.market.HasLocal() {
		return false
	}
	probe := market.Input{Name: "amount", Label: "amount", Unit: market.UnitUSD, Min: -1e18, Max: 1e18}
	_, plain := probe.Parse(text, market.USD)
	_, local := probe.Parse(text, s.localCurrency())
	return plain != nil && local == nil
}
