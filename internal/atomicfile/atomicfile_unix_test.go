//go:build unix

package atomicfile

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
func TestWriteRefusesWhatIsNotAFile(t *testing.T) {
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
		err := Write(c.path, Options{}, ok)
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
	if err := Write(kept, Options{}, ok); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(kept); info.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0600 file became %v", info.Mode().Perm())
	}
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "fresh.txt")
	if err := Write(fresh, Options{}, ok); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o600 {
		t.Errorf("a new file under umask 077 is %v, want 0600", info.Mode().Perm())
	}
}

// A FIFO is never replaced nor opened (opening one to write would block
// until a reader came), and a link's target is never written through.
func TestFIFOAndLinkAreRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	target := oldFile(t, dir, "target.png")
	link := filepath.Join(dir, "link.png")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }
	for path, says := range map[string]string{fifo: "named pipe (FIFO)", link: "symbolic link"} {
		for _, opt := range []Options{{}, {NoClobber: true}, {MakeDir: true}} {
			if err := Write(path, opt, write); err == nil || !strings.Contains(err.Error(), says) {
				t.Errorf("Write(%s, %+v) = %v, want it refused saying %q", path, opt, err, says)
			}
		}
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	holds(t, target, "old")
	onlyFiles(t, dir, "link.png", "pipe.png", "target.png")
}

// Perm gives a new file a chosen mode; an existing file keeps its own.
func TestPermForANewFileOnly(t *testing.T) {
	dir := t.TempDir()
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }
	fresh := filepath.Join(dir, "fresh.toml")
	if err := Write(fresh, Options{Perm: 0o600}, write); err != nil {
		t.Fatal(err)
	}
	kept := oldFile(t, dir, "kept.toml") // 0644 under the test's umask, or less
	before, _ := os.Stat(kept)
	if err := Write(kept, Options{Perm: 0o600}, write); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(fresh); info.Mode().Perm() != 0o600 {
		t.Errorf("new file %v, want the 0600 asked for", info.Mode().Perm())
	}
	if info, _ := os.Stat(kept); info.Mode().Perm() != before.Mode().Perm() {
		t.Errorf("existing file became %v, want its %v kept", info.Mode().Perm(), before.Mode().Perm())
	}
}
