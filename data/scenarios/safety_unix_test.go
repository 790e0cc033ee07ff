//go:build unix

package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sizeup/data/markets"
	"sizeup/market"
)

// Item 3, scenarios: a FIFO given as --scenario never blocks.
func TestScenarioFIFODoesNotBlock(t *testing.T) {
	m, _ := markets.DefaultMarket()
	fifo := filepath.Join(t.TempDir(), "s.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Store{}.Load(m, fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "FIFO") {
			t.Errorf("FIFO: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load blocked on a FIFO")
	}
}

// Item 11: a crash's temporary files go when the store is opened, once
// they are over an hour old; fresh ones and everything else stay.
func TestStoreRemovesStaleTemps(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	dir := filepath.Join(cfg, "sizeup")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	files := map[string]bool{ // name → should survive
		".wasu-deal-123456.tmp": false,
		".bear-mine-42.tmp":     false,
		".fresh-999.tmp":        true,
		"wasu-deal.toml":        true,
		".notes.tmp":            true, // not our pattern
		".wasu-deal-12ab.tmp":   true,
		"keep-123.tmp":          true, // not hidden: not ours
	}
	for name, survive := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if name != ".fresh-999.tmp" {
			os.Chtimes(p, old, old)
		}
		_ = survive
	}
	if _, err := DefaultStore(); err != nil {
		t.Fatal(err)
	}
	for name, survive := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if survive && err != nil {
			t.Errorf("%s was removed", name)
		}
		if !survive && err == nil {
			t.Errorf("%s (stale) was kept", name)
		}
	}
}

// Item 2 for saves: the umask is honoured, a file's mode kept, a link refused.
func TestSaveModesAndLinks(t *testing.T) {
	m, _ := markets.DefaultMarket()
	s := testStore(t)
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := mustSave(t, s, m, market.Scenario{Name: "Umask"})
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0640 under umask 027", info.Mode().Perm())
	}
	os.Chmod(path, 0o600)
	mustSave(t, s, m, market.Scenario{Name: "Umask", Note: "again"})
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("resaved file mode %v, want its 0600 kept", info.Mode().Perm())
	}
	target := filepath.Join(t.TempDir(), "elsewhere.toml")
	os.WriteFile(target, []byte("mine"), 0o644)
	link := filepath.Join(s.Dir, "linked.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	_, err := s.Save(m, market.Scenario{Name: "Linked"})
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("save over a link: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "mine" {
		t.Errorf("the link's target became %q", b)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

// Item 12: no usable config folder is said, with the reason.
func TestStoreProblem(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "relative/path")
	t.Setenv("HOME", "")
	if p := StoreProblem(); !strings.Contains(p, "cannot be saved") || !strings.Contains(p, "absolute") {
		t.Errorf("relative XDG_CONFIG_HOME, no HOME: %q", p)
	}
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	if p := StoreProblem(); p != "" {
		t.Errorf("a good folder: %q", p)
	}
	os.WriteFile(filepath.Join(cfg, "sizeup"), []byte("a file"), 0o644)
	if p := StoreProblem(); !strings.Contains(p, "is a file") {
		t.Errorf("sizeup is a file: %q", p)
	}
}

// Item 9: a long list of saved names is cut in the error.
func TestNotFoundCutsTheList(t *testing.T) {
	m, _ := markets.DefaultMarket()
	s := testStore(t)
	for i := range 25 {
		mustSave(t, s, m, market.Scenario{Name: fmt.Sprintf("Saved %02d", i)})
	}
	_, err := s.Load(m, "nope")
	if err == nil || !strings.Contains(err.Error(), "and 15 more") || len(err.Error()) > 600 {
		t.Errorf("%d bytes: %.600v", len(fmt.Sprint(err)), err)
	}
	_, err = s.Load(m, strings.Repeat("nope", 10_000))
	if err == nil || !strings.Contains(err.Error(), "(40000 bytes)") || len(err.Error()) > 400 {
		t.Errorf("%d bytes: %.600v", len(fmt.Sprint(err)), err)
	}
	var fe *FileError
	_ = errors.As(err, &fe)
}
