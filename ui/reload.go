package ui

import (
	"fmt"
	"os"
	"path/filepath"
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

// watchEvery is how often the market file is looked at.
const watchEvery = time.Second

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

// watchTickMsg says the file had not changed; look again later.
type watchTickMsg struct{}

// marketReloadedMsg brings the file read again after it changed.
type marketReloadedMsg struct {
	market *market.Market
	err    error
	stamp  fileStamp
}

// watch looks at the market file after a second and reads it when it
// changed; nil when there is no file to follow.
func (m Model) watch() tea.Cmd {
	path, last, reload := m.opts.Watch, m.watched, m.opts.Reload
	if path == "" || reload == nil {
		return nil
	}
	return tea.Tick(watchEvery, func(time.Time) tea.Msg {
		st := stampOf(path)
		if st == last {
			return watchTickMsg{}
		}
		mk, err := reload()
		return marketReloadedMsg{market: mk, err: err, stamp: st}
	})
}

// reloaded puts a market read again in place of the current one.
func (m Model) reloaded(msg marketReloadedMsg) (Model, tea.Cmd) {
	name := filepath.Base(m.opts.Watch)
	if msg.err != nil {
		m.watched = msg.stamp
		// Kept until the file is fixed: no expiry.
		m.s.status.seq++
		m.s.status.text = fmt.Sprintf("%s not reloaded: %s (still showing the last good model)", name, oneLine(msg.err.Error()))
		m.s.status.isError = true
		return m, m.watch()
	}
	old := m.s
	o := m.opts
	o.Market = msg.market
	o.Values, o.Scenario, o.ScenarioBase = msg.market.Defaults(), old.scenario.name, nil
	kept := 0
	for id := range msg.market.Inputs {
		in := &msg.market.Inputs[id]
		if oid, ok := old.market.LookupInput(in.Name); ok {
			o.Values[id] = in.Clamp(old.values[oid])
			kept++
		}
	}
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
	n.width, n.height = m.width, m.height
	n.view = m.view
	// Messages still on their way from the old model (a run, a status
	// timer) carry older numbers than anything the new one makes.
	n.s.status.seq = old.status.seq
	if old.mc != nil && n.s.mc != nil {
		n.s.mc.gen = old.mc.gen
	}
	added := len(msg.market.Inputs) - kept
	cmd := n.s.setStatus(fmt.Sprintf("Reloaded %s: %d series; the values of %d inputs kept, %d new at their defaults.",
		name, len(msg.market.Series), kept, added))
	n.sync()
	return n, tea.Batch(cmd, n.Init())
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
