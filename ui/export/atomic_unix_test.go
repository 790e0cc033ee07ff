//go:build unix

package export

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// Two screenshot sets of the same second keep both (issue 10, item 2).
func TestWriteNewFilesNeverOverwrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shots")
	names := []string{"dash-20261127-114205.txt", "dash-20261127-114205.png", "dash-deck-20261127-114205.svg"}
	write := func(tag string) func(int, io.Writer) error {
		return func(i int, w io.Writer) error { _, err := io.WriteString(w, tag); return err }
	}
	first, err := WriteNewFiles(dir, names, write("first"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := WriteNewFiles(dir, names, write("second"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(second[0]) != "dash-20261127-114205-2.txt" || filepath.Base(second[2]) != "dash-deck-20261127-114205-2.svg" {
		t.Errorf("second set %v", second)
	}
	for _, p := range first {
		if b, _ := os.ReadFile(p); string(b) != "first" {
			t.Errorf("%s was overwritten: %q", p, b)
		}
	}
	// Many at once, as from goroutines: every set gets its own number.
	var wg sync.WaitGroup
	got := make([][]string, 8)
	for i := range got {
		wg.Go(func() {
			got[i], _ = WriteNewFiles(dir, names, write("racer"))
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, set := range got {
		if len(set) != 3 {
			t.Fatalf("a racer wrote %v", set)
		}
		for _, p := range set {
			if seen[p] {
				t.Errorf("%s written twice", p)
			}
			seen[p] = true
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 30 {
		t.Errorf("%d files, want 30 (and no temporary ones)", len(entries))
	}
}

// -o never replaces a special file, a folder or a link, keeps a file's
// mode, honours the umask and creates no folder (items 2 and 9).
func TestWriteOutputRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	ok := func(w io.Writer) error { _, err := io.WriteString(w, "frame"); return err }
	link := filepath.Join(dir, "link.png")
	target := filepath.Join(dir, "target.png")
	os.WriteFile(target, []byte("mine"), 0o644)
	os.Symlink(target, link)
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	cases := map[string]struct{ path, says string }{
		"device":         {"/dev/null", "a device"},
		"folder":         {sub, "is a folder"},
		"trailing slash": {filepath.Join(dir, "new") + "/", "names a folder"},
		"link":           {link, "symbolic link"},
		"missing folder": {filepath.Join(dir, "a", "b", "c.png"), "does not exist"},
	}
	for what, c := range cases {
		err := WriteOutput(c.path, ok)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want it refused saying %q", what, err, c.says)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error("a missing folder was created")
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); err == nil {
		t.Error("-o dir/ left a folder")
	}
	if b, _ := os.ReadFile(target); string(b) != "mine" {
		t.Errorf("the link's target became %q", b)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode().IsRegular() {
		t.Error("/dev/null was replaced")
	}
	kept := filepath.Join(dir, "kept.txt")
	os.WriteFile(kept, []byte("old"), 0o600)
	if err := WriteOutput(kept, ok); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(kept); info.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0600 file became %v", info.Mode().Perm())
	}
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "fresh.txt")
	if err := WriteOutput(fresh, ok); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o600 {
		t.Errorf("a new file under umask 077 is %v, want 0600", info.Mode().Perm())
	}
}
