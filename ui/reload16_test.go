package ui

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/data/markets"
	"sizeup/market"
)

// loop runs a Model as Bubble Tea does: each command in its own goroutine,
// its message back to Update. Watch ticks and deadlines are shortened.
type loop struct {
	t     *testing.T
	m     Model
	msgs  chan tea.Msg
	ticks int // watch ticks handled
}

func newLoop(t *testing.T, m Model) *loop {
	ev, dl := watchEvery, reloadDeadline
	watchEvery, reloadDeadline = 10*time.Millisecond, 150*time.Millisecond
	t.Cleanup(func() { watchEvery, reloadDeadline = ev, dl })
	l := &loop{t: t, m: m, msgs: make(chan tea.Msg, 1024)}
	l.run(m.watch())
	return l
}

func (l *loop) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				l.run(c)
			}
			return
		}
		if msg != nil {
			l.msgs <- msg
		}
	}()
}

// until handles messages until ok holds, or fails after a few seconds.
// each is checked after every message.
func (l *loop) until(what string, ok func(Model) bool, each func(Model)) {
	l.t.Helper()
	deadline := time.After(10 * time.Second)
	for !ok(l.m) {
		select {
		case msg := <-l.msgs:
			switch msg.(type) {
			case mcStartMsg:
				continue // no Monte Carlo here
			case watchTickMsg:
				l.ticks++
			}
			next, cmd := l.m.Update(msg)
			l.m = next.(Model)
			l.run(cmd)
			if each != nil {
				each(l.m)
			}
		case <-deadline:
			l.t.Fatalf("waiting for %s; status %q", what, l.m.s.status.text)
		}
	}
}

// marketText is the template market under another name; pad changes the size.
func marketText(name string, pad int) []byte {
	s := strings.Replace(string(markets.Template()), `name = "My market"`, `name = "`+name+`"`, 1)
	return []byte(s + "\n#" + strings.Repeat(" ", pad) + "\n")
}

// TestReloadTooSlowIsAbandonedAndTheWatchGoesOn: a market whose load does
// not end (an exponential compile) is given up on after the deadline with
// a message and the broken badge; the watch goes on, so a later good save
// is picked up while the slow load still runs, and the slow load's answer,
// when it comes, is ignored. Saving slow files again and again never has
// more than two loads running.
func TestReloadTooSlowIsAbandonedAndTheWatchGoesOn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.toml")
	os.WriteFile(path, marketText("Start", 0), 0o644)
	mk, err := markets.LoadMarket(path)
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var inFlight, most atomic.Int32
	load := func() (*market.Market, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if strings.Contains(string(b), `name = "Slow`) {
			n := inFlight.Add(1)
			for {
				if m := most.Load(); n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			<-release
			defer inFlight.Add(-1)
		}
		return markets.ParseMarket(path, b)
	}
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1, Watch: path, Reload: load})
	l := newLoop(t, send(m, tea.WindowSizeMsg{Width: 120, Height: 40}))
	tooSlow := func(m Model) bool {
		return strings.Contains(m.s.status.text, "mine.toml took too long to load; still showing the last good model") &&
			strings.Contains(m.View(), "⚠ mine.toml broken")
	}
	never := func(name string) func(Model) {
		return func(m Model) {
			if m.s.market.Name == name {
				t.Fatalf("the model became %q", name)
			}
		}
	}

	os.WriteFile(path, marketText("Slow 1", 1), 0o644)
	l.until("the slow load given up on", tooSlow, never("Slow 1"))

	os.WriteFile(path, marketText("Good", 2), 0o644)
	l.until("the good save", func(m Model) bool { return m.s.market.Name == "Good" && m.broken == "" }, nil)

	for i := range 4 {
		os.WriteFile(path, marketText(fmt.Sprintf("Slow %d", i+2), 3+i), 0o644)
		st, ticks := stampOf(path), l.ticks
		l.until("another slow load given up on, or a wait", func(m Model) bool {
			return tooSlow(m) && m.watched == st && !m.reload.busy || l.ticks > ticks+30
		}, never("Slow"))
	}
	if n := most.Load(); n > maxLoads {
		t.Errorf("%d loads ran at once, want at most %d", n, maxLoads)
	}

	os.WriteFile(path, marketText("Good 2", 10), 0o644)
	close(release)
	l.until("the good save after the slow ones ended", func(m Model) bool {
		return m.s.market.Name == "Good 2" && m.reload.running.Load() == 0 && !m.reload.busy
	}, func(m Model) {
		if strings.HasPrefix(m.s.market.Name, "Slow") {
			t.Fatalf("an abandoned load's answer was taken: %q", m.s.market.Name)
		}
	})
	if m := l.m; m.broken != "" || !strings.Contains(m.s.status.text, "Reloaded mine.toml") {
		t.Errorf("after the good save: badge %q, status %q", m.broken, m.s.status.text)
	}
}

// TestReloadRetriesAFileItCouldNotRead: chmod 000 and touch makes a reload
// fail; chmod 644 moves neither the time nor the size, so the watch tries
// again each poll while the last load could not read the file. (The loader
// refuses a file without read bits itself, as root reads it anyway.)
func TestReloadRetriesAFileItCouldNotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.toml")
	os.WriteFile(path, marketText("Start", 0), 0o644)
	mk, _ := markets.LoadMarket(path)
	var loads atomic.Int32
	load := func() (*market.Market, error) {
		loads.Add(1)
		if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o444 == 0 {
			return nil, fmt.Errorf("%w", &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission})
		}
		return markets.LoadMarket(path)
	}
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1, Watch: path, Reload: load})
	l := newLoop(t, send(m, tea.WindowSizeMsg{Width: 120, Height: 40}))

	os.WriteFile(path, marketText("Renamed", 1), 0o644)
	os.Chmod(path, 0)
	l.until("the read error", func(m Model) bool { return strings.Contains(m.s.status.text, "mine.toml not reloaded") }, nil)
	before := loads.Load()
	l.until("a few retries", func(Model) bool { return loads.Load() >= before+3 }, nil)
	if m := l.m; m.s.market.Name != "Start" || m.broken == "" {
		t.Fatalf("while unreadable: %q, badge %q", m.s.market.Name, m.broken)
	}

	os.Chmod(path, 0o644)
	l.until("the reload after chmod 644", func(m Model) bool { return m.s.market.Name == "Renamed" && m.broken == "" }, nil)

	// A file whose text is wrong is not read again until it changes.
	os.WriteFile(path, []byte("not toml ["), 0o644)
	l.until("the parse error", func(m Model) bool { return m.broken != "" }, nil)
	before = loads.Load()
	l.until("a few ticks", func(m Model) bool { return m.reload.running.Load() == 0 }, nil)
	time.Sleep(5 * watchEvery)
	l.until("quiet", func(Model) bool { return len(l.msgs) == 0 }, nil)
	if n := loads.Load(); n > before {
		t.Errorf("a file with wrong text was read %d more times without a change", n-before)
	}
}

// TestReadFailed: the real loader's errors tell a file not read from one
// read with wrong text.
func TestReadFailed(t *testing.T) {
	_, err := markets.LoadMarket(filepath.Join(t.TempDir(), "gone.toml"))
	if err == nil || !readFailed(err) {
		t.Errorf("a missing file: %v not a read failure", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("not toml ["), 0o644)
	if _, err := markets.LoadMarket(bad); err == nil || readFailed(err) {
		t.Errorf("a file with wrong text: %v taken for a read failure", err)
	}
}
