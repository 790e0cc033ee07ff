package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// Live reload: with a market file (Options.Watch), the app looks at the
// file's modification time and size once a second and, when either moved,
// reads the file again (Options.Reload). It polls rather than using a
// watcher such as fsnotify: a stat a second costs nothing, needs no new
// dependency, and sees every way an editor saves (in place, or a new file
// renamed over the old one, which drops an inotify watch), on network and
// container file systems too. A good file replaces the model and keeps the
// values of the inputs whose ids it still has; a bad one leaves the last
// good model on screen and says what is wrong, in one line, until the file
// is fixed.

// watchEvery is how often the market file is looked at, and
// reloadDeadline how long a reload may take before the app gives up on it
// and says so; the watch goes on meanwhile. Variables for the tests only.
var (
	watchEvery     = time.Second
	reloadDeadline = 2 * time.Second
)

// maxLoads is how many reloads may be running at once: the current one
// and one given up on. Reading a market cannot be stopped half way, so a
// load given up on runs to its end; past this bound a new one waits for a
// running one to end, and a user saving again and again cannot pile them up.
const maxLoads = 2

// fileStamp is what tells that a file changed.
type fileStamp struct {
	mod  time.Time
	size int64
}

func stampOf(path string) fileStamp {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{info.ModTime(), info.Size()}
}

// watchTickMsg brings the file's stamp, looked at once a second.
type watchTickMsg struct{ stamp fileStamp }

// marketReloadedMsg brings the file read again after it changed; gen tells
// the load it answers.
type marketReloadedMsg struct {
	gen    int
	market *market.Market
	err    error
	stamp  fileStamp
}

// reloadSlowMsg says load gen has run for reloadDeadline.
type reloadSlowMsg struct{ gen int }

// reloading is the watch's state. The load in hand is gen while busy;
// a load given up on, or any older one, answers with an older gen, which
// is ignored. retry is set while the last load could not read the file at
// all (no permission, gone): chmod does not move the stamp, so the watch
// tries again each second until a read succeeds.
type reloading struct {
	gen     int
	busy    bool
	retry   bool
	running *atomic.Int32 // loads whose goroutine has not returned, shared by the models
}

// watch looks at the market file's stamp after a second; nil when there is
// no file to follow. The tick is armed again whatever a load is doing.
func (m Model) watch() tea.Cmd {
	path := m.opts.Watch
	if path == "" || m.opts.Reload == nil {
		return nil
	}
	return tea.Tick(watchEvery, func(time.Time) tea.Msg { return watchTickMsg{stampOf(path)} })
}

// watchTicked handles a tick: it starts a load when the file changed (or the
// last one could not read it), unless one is in hand or maxLoads run.
func (m *Model) watchTicked(msg watchTickMsg) tea.Cmd {
	next := m.watch()
	r := &m.reload
	if r.busy || msg.stamp == m.watched && !r.retry {
		return next
	}
	if r.running.Add(1) > maxLoads {
		r.running.Add(-1)
		return next // one starts on a later tick, when a running one has ended
	}
	r.gen++
	r.busy, m.watched = true, msg.stamp
	gen, load, running, st := r.gen, m.opts.Reload, r.running, msg.stamp
	return tea.Batch(next,
		func() tea.Msg {
			defer running.Add(-1)
			mk, err := load()
			return marketReloadedMsg{gen: gen, market: mk, err: err, stamp: st}
		},
		tea.Tick(reloadDeadline, func(time.Time) tea.Msg { return reloadSlowMsg{gen} }))
}

// reloadSlow gives up on a load that took reloadDeadline: the last good
// model stays, with the broken badge, and a later save starts a new load.
func (m *Model) reloadSlow(msg reloadSlowMsg) {
	if msg.gen != m.reload.gen || !m.reload.busy {
		return
	}
	m.reload.busy, m.reload.retry = false, false
	name := filepath.Base(m.opts.Watch)
	m.broken = name
	m.brokenWhy = name + " took too long to load; still showing the last good model"
	m.s.hold(m.brokenWhy + "; w shows this again.")
	m.s.status.isError = true
}

// readFailed reports whether err is the file not being read at all, as
// against its text being wrong.
func readFailed(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe)
}

// reloaded puts a market read again in place of the current one. A good
// file keeps, for the inputs whose ids it still has, their values, the
// selection, the undo and redo history and the uncertainty settings, and
// says which inputs went; a bad one keeps the last good model and a badge
// in the header (badge) until a good reload.
func (m Model) reloaded(msg marketReloadedMsg) (Model, tea.Cmd) {
	if msg.gen != m.reload.gen || !m.reload.busy {
		return m, nil // a load given up on, or superseded
	}
	m.reload.busy = false
	name := filepath.Base(m.opts.Watch)
	if msg.err != nil {
		m.reload.retry = readFailed(msg.err)
		why := fmt.Sprintf("%s not reloaded: %s (still showing the last good model)", name, oneLine(msg.err.Error()))
		if m.broken == name && why == m.brokenWhy {
			return m, nil // a retry that failed as before says nothing new
		}
		m.broken, m.brokenWhy = name, why
		m.s.hold(m.brokenWhy + "; w shows this again.")
		m.s.status.isError = true
		return m, nil
	}
	old := m.s
	c := newCarry(old.market, msg.market)
	o := m.opts
	o.Market = msg.market
	o.Values, o.Scenario, o.ScenarioBase = c.values(&old.values), old.scenario.name, nil
	o.Theme = "light"
	if old.styles.dark {
		o.Theme = "dark"
	}
	o.Local = old.local
	if old.mc != nil {
		if old.mc.cancel != nil {
			old.mc.cancel()
		}
		o.Samples = old.mc.n
	}
	n := New(o)
	n.watched = msg.stamp
	n.reload = m.reload
	n.reload.retry = false
	n.width, n.height = m.width, m.height
	n.view = m.view
	// Messages still on their way from the old model (a run, a status
	// timer) carry older numbers than anything the new one makes.
	n.s.status.seq = old.status.seq
	if old.mc != nil && n.s.mc != nil {
		n.s.mc.gen = old.mc.gen
	}
	dropped := n.carryOver(m, c)
	cmd := n.s.setStatus(c.said(name, len(msg.market.Series), dropped))
	n.sync()
	return n, tea.Batch(cmd, n.s.schedule(), n.scen.list())
}

// carryOver brings what the user did on the old model to the new one, for
// the inputs that survived: the scenario's values (for the *), the undo
// and redo history, the uncertainty settings, the selected input and the
// chart's settings. It returns how many history steps went because they
// only moved inputs that are gone.
func (n *Model) carryOver(m Model, c carry) (dropped int) {
	old := m.s
	n.s.scenario = scenarioState{name: old.scenario.name, note: old.scenario.note, values: c.values(&old.scenario.values)}
	cur := c.snapshot(snapshot{values: old.values, scenario: old.scenario})
	n.s.undo, dropped = c.history(old.undo, cur)
	var d int
	n.s.redo, d = c.history(old.redo, cur)
	for id, oid := range c.from {
		if oid >= 0 {
			n.s.unc.Width[id], n.s.unc.Pinned[id] = old.unc.Width[oid], old.unc.Pinned[oid]
		}
	}
	// The inputs with dims left open stay open, where the new file still has them.
	for fam := range m.dash.open {
		if _, ok := n.dash.items[fam]; ok {
			n.dash.setOpen(fam, true)
		}
	}
	if oid := m.dash.selectedID(); oid >= 0 {
		for i, rw := range n.dash.rows {
			if rw.isInput() && c.from[rw.input] == oid && rw.isFamily() == m.dash.rows[m.dash.selected].isFamily() {
				n.dash.selected = i
			}
		}
	}
	n.dash.logChart, n.dash.hindsight = m.dash.logChart, m.dash.hindsight
	n.dash.relayout()
	// A screen that only reads stays open; a form or a question belonged
	// to the old model's inputs, and closes.
	switch m.mode {
	case modeHelp, modeNotes, modePresent:
		n.mode = m.mode
	}
	return dropped + d
}

// carry maps a market's inputs onto the same market read again, by id.
type carry struct {
	to   *market.Market
	from [market.MaxInputs]market.ID // the old input of each new one; -1 for a new input
	gone []string                    // the labels of the old inputs the new market has not
	kept int
}

func newCarry(from, to *market.Market) carry {
	c := carry{to: to}
	for i := range c.from {
		c.from[i] = -1
	}
	for id := range to.Inputs {
		if oid, ok := from.LookupInput(to.Inputs[id].Name); ok {
			c.from[id] = oid
			c.kept++
		}
	}
	for oid := range from.Inputs {
		if _, ok := to.LookupInput(from.Inputs[oid].Name); !ok {
			c.gone = append(c.gone, from.Inputs[oid].Label)
		}
	}
	return c
}

// values are old values on the new market: those of the inputs that
// survived, clamped to their new limits; the new inputs at their defaults.
func (c carry) values(old *market.Values) market.Values {
	v := c.to.Defaults()
	for id := range c.to.Inputs {
		if oid := c.from[id]; oid >= 0 {
			v[id] = c.to.Inputs[id].Clamp(old[oid])
		}
	}
	return v
}

func (c carry) snapshot(s snapshot) snapshot {
	s.values = c.values(&s.values)
	s.scenario = scenarioState{name: s.scenario.name, note: s.scenario.note, values: c.values(&s.scenario.values)}
	return s
}

// history is an undo or redo stack on the new market, its top nearest to
// cur: a step that moved only inputs that are gone is now no step at all,
// and goes.
func (c carry) history(steps []snapshot, cur snapshot) (out []snapshot, dropped int) {
	next := cur
	for i := len(steps) - 1; i >= 0; i-- {
		s := c.snapshot(steps[i])
		if s.values == next.values && s.scenario.name == next.scenario.name {
			dropped++
			continue
		}
		out = append(out, s)
		next = s
	}
	slices.Reverse(out)
	return out, dropped
}

// said is the status after a good reload: what went first, as it is what
// a reader must not miss when the line is cut, then what was kept.
func (c carry) said(name string, series, dropped int) string {
	added := len(c.to.Inputs) - c.kept
	msg := "Reloaded " + name
	if len(c.gone) > 0 {
		msg += "; gone: " + strings.Join(c.gone, ", ")
		if dropped > 0 {
			steps := "steps"
			if dropped == 1 {
				steps = "step"
			}
			msg += fmt.Sprintf(" (with %d undo %s that only moved them)", dropped, steps)
		}
	}
	return msg + fmt.Sprintf("; %d inputs kept, %d new at their defaults; %d series.", c.kept, added, series)
}

// badge is the header's mark while the market file on disk is broken;
// shortBadge is the same where the file's name does not fit (80 columns).
func (m Model) badge() string {
	if m.broken == "" {
		return ""
	}
	return m.s.styles.Error.Render("⚠ "+m.broken+" broken") + " "
}

func (m Model) shortBadge() string {
	if m.broken == "" {
		return ""
	}
	return m.s.styles.Error.Render("⚠ broken") + " "
}

// oneLine joins a message's lines with " · ".
func oneLine(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '\n' || r == '\r' {
			if len(out) > 0 && out[len(out)-1] != ' ' {
				out = append(out, ' ', '·', ' ')
			}
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
