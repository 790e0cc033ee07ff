package ui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

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

// seekSamples is how many of the kept draws a percentile goal seek uses:
// each of its ~160 trials runs the funnel over them.
const seekSamples = 20_000

var seekOutputs = []market.Output{market.OutNet, market.OutGross, market.OutRiskNet, market.OutSubscribers, market.OutShareOfTAM}

type seekForm struct {
	field  int
	input  market.ID
	output market.Output
	year   int
	basis  int
	target textinput.Model
	answer *market.Seek // the last answer, for the fields as they are
	err    string

	busy   bool               // a percentile seek is running
	gen    int                // bumped by every change, so late answers are dropped
	cancel context.CancelFunc // stops a running percentile seek
}

// seekDoneMsg brings a percentile goal seek back.
type seekDoneMsg struct {
	gen    int
	answer market.Seek
	err    error
}

func (m *Model) openSeek() tea.Cmd {
	id := m.selectedID()
	if m.market.Input(id).Kind == market.KindSwitch {
		id = market.Conversion
	}
	f := &m.seek
	f.input, f.output, f.field = id, market.OutNet, seekTarget
	if f.year == 0 {
		f.year = m.market.LastYear()
	}
	f.target = textinput.New()
	f.target.Prompt = ""
	f.target.CharLimit = 24
	f.target.Width = 14
	f.target.TextStyle = m.styles.editorText
	f.target.Cursor.Style = m.styles.editorCursor
	f.target.Cursor.SetMode(cursor.CursorStatic)
	if y := m.proj.At(f.year); y != nil {
		f.target.SetValue(strings.TrimPrefix(f.output.Format(2*f.output.Of(y), market.USD), "-"))
	}
	f.target.CursorEnd()
	f.answer, f.err = nil, ""
	m.seeking = true
	return f.target.Focus()
}

func (m *Model) handleSeekKey(msg tea.KeyMsg) tea.Cmd {
	f := &m.seek
	k := m.keys
	switch {
	case key.Matches(msg, k.Cancel):
		m.closeSeek()
		return nil
	case key.Matches(msg, k.Apply):
		if f.busy {
			return nil
		}
		if f.answer != nil && f.answer.Found {
			a := *f.answer
			in := m.market.Input(a.Input)
			m.change(func(v *market.Values) { v[a.Input] = in.Clamp(a.Value) }, "Goal seek applied: "+a.Message+" (u undoes it)")
			m.closeSeek()
			return nil
		}
		return m.runSeek()
	case key.Matches(msg, k.FieldUp):
		f.field = (f.field + seekFields - 1) % seekFields
	case key.Matches(msg, k.FieldDown):
		f.field = (f.field + 1) % seekFields
	case f.field != seekTarget && (key.Matches(msg, k.ChoicePrev) || key.Matches(msg, k.ChoiceNext)):
		d := 1
		if key.Matches(msg, k.ChoicePrev) {
			d = -1
		}
		m.cycleSeekField(d)
	case f.field == seekTarget:
		var cmd tea.Cmd
		before := f.target.Value()
		f.target, cmd = f.target.Update(msg)
		if f.target.Value() != before {
			m.resetSeekAnswer()
		}
		return cmd
	}
	if f.field == seekTarget {
		return f.target.Focus()
	}
	f.target.Blur()
	return nil
}

// cycleSeekField moves a choice field one step, skipping switches.
func (m *Model) cycleSeekField(d int) {
	f := &m.seek
	switch f.field {
	case seekInput:
		order := m.market.Order
		i := 0
		for j, id := range order {
			if id == f.input {
				i = j
			}
		}
		for range order {
			i = (i + d + len(order)) % len(order)
			if m.market.Input(order[i]).Kind != market.KindSwitch {
				f.input = order[i]
				break
			}
		}
	case seekOutput:
		i := 0
		for j, o := range seekOutputs {
			if o == f.output {
				i = j
			}
		}
		f.output = seekOutputs[(i+d+len(seekOutputs))%len(seekOutputs)]
	case seekYear:
		f.year = clamp(f.year+d, m.market.BaseYear, m.market.LastYear())
	case seekBasis:
		if m.mc == nil {
			return
		}
		f.basis = (f.basis + d + len(seekBases)) % len(seekBases)
	}
	m.resetSeekAnswer()
}

// resetSeekAnswer forgets an answer that no longer fits the fields, and
// stops a seek that is still running for them.
func (m *Model) resetSeekAnswer() {
	f := &m.seek
	f.answer, f.err = nil, ""
	f.gen++
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	f.busy = false
}

func (m *Model) closeSeek() {
	m.resetSeekAnswer()
	m.seeking = false
}

// runSeek answers at once for the model; a percentile seek runs off the
// UI goroutine and comes back as a seekDoneMsg.
func (m *Model) runSeek() tea.Cmd {
	f := &m.seek
	target, err := f.output.ParseTarget(f.target.Value(), m.values[market.FXCNYPerUSD])
	if err != nil {
		f.err = errorSentence(err)
		return nil
	}
	if m.cny && f.output.IsMoney() && !hasCurrency(f.target.Value()) {
		target /= m.values[market.FXCNYPerUSD] // a bare amount while showing yuan is yuan
	}
	goal := market.Goal{Input: f.input, Output: f.output, Year: f.year, Target: target}
	basis := seekBases[f.basis]
	if basis.p == 0 || m.mc == nil {
		ans, err := m.market.GoalSeek(&m.values, goal, m.currency())
		if err != nil {
			f.err = errorSentence(err)
			return nil
		}
		f.answer, f.err = &ans, ""
		return nil
	}
	if f.output != market.OutNet && f.output != market.OutSubscribers {
		f.err = "Monte Carlo keeps net revenue and subscribers only; choose one of them, or the model as set."
		return nil
	}
	m.resetSeekAnswer()
	ctx, cancel := context.WithCancel(context.Background())
	f.busy, f.cancel = true, cancel
	gen, engine, cur := f.gen, m.mc.engine, m.currency()
	cfg := market.RunConfig{N: m.mc.n, Seed: m.mc.seed, Values: m.values, Uncertainty: m.unc}
	k := min(seekSamples, m.mc.n)
	return func() tea.Msg {
		ans, err := engine.SeekPercentile(ctx, cfg, goal, basis.p, k, cur)
		return seekDoneMsg{gen: gen, answer: ans, err: err}
	}
}

// finishSeek takes a percentile seek's answer if the form still asks it.
func (m *Model) finishSeek(msg seekDoneMsg) {
	f := &m.seek
	if msg.gen != f.gen || !f.busy {
		return
	}
	f.busy, f.cancel = false, nil
	if msg.err != nil {
		f.err = errorSentence(msg.err)
		return
	}
	a := msg.answer
	a.Message = fmt.Sprintf("On %s (%s samples): %s", seekBases[f.basis].name, groupInt(min(seekSamples, m.mc.n)), a.Message)
	f.answer = &a
}

// renderSeek draws the form.
func (m Model) renderSeek(w int) (string, int) {
	s := m.styles
	f := &m.seek
	cur := m.currency()
	in := m.market.Input(f.input)
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
		return cursor + lbl.Render(fit(label, 8)) + val + "  " + s.Faint.Render(note)
	}
	lines := []string{
		choice(seekInput, "Input", in.Label, "now "+in.Format(m.values[f.input], cur)),
		choice(seekOutput, "Output", f.output.Label(), ""),
		choice(seekYear, "Year", fmt.Sprint(f.year), ""),
		choice(seekBasis, "Asked of", seekBases[f.basis].name, map[bool]string{true: "Monte Carlo off", false: "given a deal"}[m.mc == nil]),
		choice(seekTarget, "Target", f.target.View(), "e.g. $200M, 5M, 1%"),
		"",
	}
	hint := "⏎ seek · ↑/↓ field · ←/→ choose · esc close"
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
		if f.answer.Found {
			hint = "⏎ apply (u undoes it) · ↑/↓ field · esc close"
		}
	default:
		lines = append(lines, s.Faint.Render(fmt.Sprintf("Searches %s from %s to %s; the other inputs stay as set.", in.Label, in.Format(in.Min, cur), in.Format(in.Max, cur))))
	}
	lines = append(lines, "", s.Faint.Render(hint))
	h := len(lines) + 2
	return s.box("Goal seek", strings.Join(lines, "\n"), w, h, true), h
}

func wrapLines(text string, w int, st paint) []string {
	var out []string
	for _, l := range strings.Split(ansi.Wordwrap(text, w, " "), "\n") {
		out = append(out, st.Render(l))
	}
	return out
}

// overlay draws a block over a frame with its top-left corner at (x, y).
func overlay(base, block string, x, y, w int) string {
	lines := strings.Split(base, "\n")
	for i, l := range strings.Split(block, "\n") {
		j := y + i
		if j < 0 || j >= len(lines) {
			continue
		}
		under := lines[j]
		lines[j] = ansi.Truncate(under, x, "") + l + ansi.TruncateLeft(under, x+w, "")
	}
	return strings.Join(lines, "\n")
}
