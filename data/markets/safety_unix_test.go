//go:build unix

package markets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Item 3: only regular files of at most 4 MiB are read; nothing blocks.
func TestLoadMarketRefusesWhatIsNotAMarketFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, make([]byte, MaxMarketBytes+1), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{"empty name": "", "folder": dir, "too big": big, "missing": filepath.Join(dir, "none.toml")}
	paths["device"] = "/dev/zero"
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	paths["fifo"] = fifo
	for what, path := range paths {
		done := make(chan error, 1)
		go func() { _, err := LoadMarket(path); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: accepted", what)
			} else if strings.Count(err.Error(), "\n") > 0 || !strings.Contains(err.Error(), "give") {
				t.Errorf("%s: %q is not one sentence saying what to give", what, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: LoadMarket blocked", what)
		}
	}
	var fe *FileError
	if _, err := LoadMarket(big); !errors.As(err, &fe) || !strings.Contains(err.Error(), "4 MiB") {
		t.Errorf("too big: %v", err)
	}
}
