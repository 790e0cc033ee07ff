package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `sizeup new` shows the path it wrote escaped (a crafted name put OSC 52
// on stdout), says what is wrong with a missing folder without naming a
// flag new has not got, and suggests a .toml name for a folder.
func TestNewShowsPathsSafelyAndInItsOwnWords(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x\x1b]52;c;aGk=\x07.toml")
	code, out, errs := runCmd(t, "new", path)
	if code != 0 || strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, `\x1b]52`) {
		t.Errorf("new with a crafted name: exit %d, stdout %q %s", code, out, errs)
	}
	missing := filepath.Join(dir, "nope")
	code, _, errs = runCmd(t, "new", filepath.Join(missing, "m.toml"))
	if want := "the folder " + missing + " does not exist; sizeup does not create folders"; code != 1 || !strings.Contains(errs, want) || strings.Contains(errs, "-o") {
		t.Errorf("new into a missing folder: exit %d, %q, want %q and no -o", code, errs, want)
	}
	code, _, errs = runCmd(t, "new", dir)
	if want := filepath.Join(dir, "market.toml"); code != 1 || !strings.Contains(errs, want) || strings.Contains(errs, ".png") {
		t.Errorf("new over a folder: exit %d, %q, want a suggestion of %s", code, errs, want)
	}
	code, _, errs = runCmd(t, "new", dir+"/")
	if want := filepath.Join(dir, "market.toml"); code != 1 || !strings.Contains(errs, want) {
		t.Errorf("new FOLDER/: exit %d, %q, want a suggestion of %s", code, errs, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "market.toml")); err == nil {
		t.Error("a suggestion was written")
	}
}
