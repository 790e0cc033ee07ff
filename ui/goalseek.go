package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// Goal seek (g): which value of one input makes one output hit a target in
// one year. The form is four choices and a text field, drawn over the
// current view; enter seeks, and enter again applies the answer as one
// undoable change.

const (
	seekInput = iota
	seekOutput
	seekYear
	seekBasis
	seekTarget
	seekFields
)

// seekBases is what the target is asked of: the model as set, or a
// percentile of the Monte Carlo outcome given a deal.
var seekBases = []struct {
	name string
	p    float64 // 0 for the model itself
}{
	{"the model as set", 0},
	{"P50, the median case", 0.5},
	{"P5, the pessimistic case", 0.05},
	{"P95, the optimistic case", 0.95},
}

type goalSeek struct {
	s       *session
	w       int
	field   int
	input   market.ID
	output  market.Output
	outputs []market.Output // what the output field cycles through
	year    int
	basis   int
	target  field
	answer  *market.Seek // the last answer, for the fields as they are
	err     string

	busy   bool               // a percentile seek is running
	gen    int                // bumped by every change, so late answers are dropped
	cancel context.CancelFunc // stops a running percentile seek
}

func newGoalSeek(s *session) goalSeek {
	h := s.market.Outputs.Headline
	return goalSeek{s: s, output: h, outputs: analysisOutputs(s.market), year: s.market.LastYear(), target: newField(s.styles)}
}

func (f *goalSeek) SetSize(w, _ int) { f.w = overlayWidth(w) }

func (f *goalSeek) shortHelp() []key.Binding {
	k := f.s.keys
	return []key.Binding{k.Apply, k.FieldDown, k.ChoiceNext, k.Cancel}
}

// seekDoneMsg brings a percentile goal seek back.
type seekDoneMsg struct {
	gen    int
	answer market.Seek
	err    error
}

// seekable reports whether goal seek may move an input: a switch cannot be
// sought, and an exchange rate changes no output.
func seekable(in *market.Input) bool {
	return in.Kind != market.KindSwitch && in.Unit != market.UnitLocalPerUSD && in.Kind != market.KindRate
}

// firstSeekable is the first input in display order goal seek may move:
// a decision when there is one (the order shown puts them first).
func firstSeekable(m *market.Market) market.ID {
	for _, id := range m.ShownOrder() {
		if seekable(m.Input(id)) {
			return id
		}
	}
	return 0
}

// seekStart is the input goal seek opens on: the one selected, when it
// may be sought (the user chose it), else the first decision it may move —
// a decision is its natural target, a lever the company sets (DESIGN.md
// §11) — or, in a market without decisions, the first it may move. The
// app starts on the first decision, so g at once seeks it.
func seekStart(m *market.Market, selected market.ID) market.ID {
	if seekable(m.Input(selected)) {
		return selected
	}
	return firstSeekable(m)
}

// open starts the form on an input (seekStart from the one selected),
// with a target twice today's output.
func (f *goalSeek) open(id market.ID) tea.Cmd {
	s := f.s
	id = seekStart(s.market, id)
	f.input, f.output, f.field = id, s.market.Outputs.Headline, seekTarget
	f.year = clamp(f.year, s.market.BaseYear, s.market.LastYear())
	value := ""
	if y, ok := s.proj.At(f.output, f.year); ok {
		value = strings.TrimPrefix(s.market.Format(f.output, 2*y, s.currency()), "-")
	}
	f.answer, f.err = nil, ""
	return f.target.set(value, 14, 24)
}

// enableKeys: the form's keys, with enter saying what it does now; ←/→
// only on a choice.
func (f *goalSeek) enableKeys(k *keyMap) {
	enable(true, &k.Apply, &k.Cancel, &k.FieldUp, &k.FieldDown)
	enable(f.field != seekTarget, &k.ChoicePrev, &k.ChoiceNext)
	if f.answer != nil && f.answer.Found {
		k.Apply.SetHelp("⏎", "apply (u undoes it)")
	} else {
		k.Apply.SetHelp("⏎", "seek")
	}
	k.FieldDown.SetHelp("↑/↓", "field")
	k.ChoiceNext.SetHelp("←/→", "choice")
	k.Cancel.SetHelp("esc", "close")
}

// Update takes the form's keys (done says it closed) and a percentile
// seek's answer.
func (f *goalSeek) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return f.key(msg)
	case seekDoneMsg:
		f.finish(msg)
	}
	return nil, false
}

func (f *goalSeek) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := f.s.keys
	switch {
	case isPaste(msg) && f.field == seekTarget:
	case key.Matches(msg, k.Cancel):
		f.close()
		return nil, true
	case key.Matches(msg, k.Apply):
		return f.apply()
	case key.Matches(msg, k.FieldUp):
		f.field = (f.field + seekFields - 1) % seekFields
	case key.Matches(msg, k.FieldDown):
		f.field = (f.field + 1) % seekFields
	case f.field != seekTarget && (key.Matches(msg, k.ChoicePrev) || key.Matches(msg, k.ChoiceNext)):
		d := 1
		if key.Matches(msg, k.ChoicePrev) {
			d = -1
		}
		f.cycle(d)
		return nil, false
	case f.field != seekTarget:
		return nil, false
	}
	if f.field != seekTarget {
		f.target.blur()
		return nil, false
	}
	if key.Matches(msg, k.FieldUp) || key.Matches(msg, k.FieldDown) {
		return f.target.input.Focus(), false
	}
	var cmd tea.Cmd
	var changed bool
	f.target, cmd, changed = f.target.Update(msg)
	if changed {
		f.reset()
	}
	return cmd, false
}

// apply seeks, or applies a found answer as one undoable change and
// closes the form.
func (f *goalSeek) apply() (tea.Cmd, bool) {
	if f.busy {
		return nil, false
	}
	if f.answer != nil && f.answer.Found {
		a := *f.answer
		s := f.s
		in := s.market.Input(a.Input)
		f.close()
		v := in.Clamp(a.Value)
		return s.change(func(vals *market.Values) { vals[a.Input] = v }, "goal seek: "+s.stepWhat(a.Input, v), "Goal seek applied: "+a.Message+" (u undoes it)"), true
	}
	return f.run(), false
}

// cycle moves a choice field one step, skipping inputs that cannot be sought.
func (f *goalSeek) cycle(d int) {
	s := f.s
	switch f.field {
	case seekInput:
		order := s.market.ShownOrder()
		i := 0
		for j, id := range order {
			if id == f.input {
				i = j
			}
		}
		for range order {
			i = (i + d + len(order)) % len(order)
			if seekable(s.market.Input(order[i])) {
				f.input = order[i]
				break
			}
		}
	case seekOutput:
		i := 0
		for j, o := range f.outputs {
			if o == f.output {
				i = j
			}
		}
		f.output = f.outputs[(i+d+len(f.outputs))%len(f.outputs)]
	case seekYear:
		f.year = clamp(f.year+d, s.market.BaseYear, s.market.LastYear())
	case seekBasis:
		if s.mc == nil {
			return
		}
		f.basis = (f.basis + d + len(seekBases)) % len(seekBases)
	}
	f.reset()
}

// reset forgets an answer that no longer fits the fields, and stops a seek
// that is still running for them.
func (f *goalSeek) reset() {
	f.answer, f.err = nil, ""
	f.gen++
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	f.busy = false
}

// close stops a running seek and blurs the field; the caller says done.
func (f *goalSeek) close() {
	f.reset()
	f.target.blur()
}

// run answers at once for the model; a percentile seek runs off the UI
// goroutine, on the very draws the Uncertainty view shows, and comes back
// as a seekDoneMsg.
func (f *goalSeek) run() tea.Cmd {
	s := f.s
	target, err := s.market.ParseTarget(f.output, f.target.value(), s.localCurrency())
	if err != nil {
		f.err = sentence(err)
		return nil
	}
	if s.local && s.market.IsMoney(f.output) && !s.hasCurrency(f.target.value()) {
		target /= s.localRate() // a bare amount while showing the local currency is in it
	}
	goal := market.Goal{Input: f.input, Output: f.output, Year: f.year, Target: target}
	basis := seekBases[f.basis]
	if basis.p == 0 || s.mc == nil {
		ans, err := s.market.GoalSeek(&s.values, goal, s.currency())
		if err != nil {
			f.err = sentence(err)
			return nil
		}
		f.answer, f.err = &ans, ""
		return nil
	}
	if !s.recorded(f.output) {
		f.err = "Monte Carlo keeps " + s.recordedNames() + " only; choose one of them, or the model as set."
		return nil
	}
	f.reset()
	ctx, cancel := context.WithCancel(context.Background())
	f.busy, f.cancel = true, cancel
	gen, engine, cur := f.gen, s.mc.engine, s.currency()
	cfg := s.mc.config(s)
	if r := s.mc.result(); r != nil && !s.mc.stale() {
		cfg = r.Config() // the very run the Uncertainty view shows
	}
	return func() tea.Msg {
		ans, err := engine.SeekRunPercentile(ctx, cfg, goal, basis.p, cur)
		return seekDoneMsg{gen: gen, answer: ans, err: err}
	}
}

// finish takes a percentile seek's answer if the form still asks it.
func (f *goalSeek) finish(msg seekDoneMsg) {
	if msg.gen != f.gen || !f.busy {
		return
	}
	f.busy, f.cancel = false, nil
	if msg.err != nil {
		f.err = sentence(msg.err)
		return
	}
	a := msg.answer
	p, which, _ := strings.Cut(seekBases[f.basis].name, ", ") // "P5", "the pessimistic case"
	a.Message = fmt.Sprintf("At %s (%s) over the Uncertainty view's %s samples, %s", p, which, market.FormatCount(f.s.mc.n), a.Message)
	f.answer = &a
}

// renderSeek draws the form.
func (f goalSeek) View() (string, int) {
	s := f.s.styles
	cur := f.s.currency()
	in := f.s.market.Input(f.input)
	w := f.w
	inner := w - 4
	choice := func(i int, label, value, note string) string {
		cursor := "  "
		lbl := s.Subtle
		if f.field == i {
			cursor, lbl = s.Cursor.Render("▸ "), s.LabelSelected
		}
		val := value
		if i != seekTarget {
			val = s.Faint.Render("◂ ") + s.Bold.Render(value) + s.Faint.Render(" ▸")
		}
		return cursor + lbl.Render(fit(label, 10)) + val + "  " + s.Faint.Render(note)
	}
	basisNote := strings.TrimSpace(f.s.givenDeal())
	if f.s.mc == nil {
		basisNote = "Monte Carlo is off"
	}
	lines := []string{
		choice(seekInput, "Input", in.Label, "now "+in.Format(f.s.values[f.input], cur)),
		choice(seekOutput, "Output", f.s.market.Phrase(f.output), ""),
		choice(seekYear, "Year", fmt.Sprint(f.year), ""),
		choice(seekBasis, "Asked of", seekBases[f.basis].name, basisNote),
		choice(seekTarget, "Target", s.keepBG(f.target.View(s)), "e.g. $200M, 5M, 1%"),
		"",
	}
	hint := s.keepBG(helpBar(f.s.help, f.shortHelp(), inner))
	switch {
	case f.busy:
		lines = append(lines, s.Subtle.Render("Seeking over the Monte Carlo draws…"))
	case f.err != "":
		lines = append(lines, wrapLines(f.err, inner, s.Error)...)
	case f.answer != nil:
		st := s.Text
		if !f.answer.Found {
			st = s.Warn
		}
		lines = append(lines, wrapLines(f.answer.Message, inner, st)...)
	default:
		lines = append(lines, wrapLines(fmt.Sprintf("Searches %s from %s to %s; the other inputs stay as set.", in.Label, in.Format(in.Min, cur), in.Format(in.Max, cur)), inner, s.Faint)...)
	}
	lines = append(lines, "", hint)
	h := len(lines) + 2
	return s.box("Goal seek", strings.Join(lines, "\n"), w, h, true), h
}
