package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// oldFile makes dir/name holding "old" and returns its path.
func oldFile(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// onlyFiles checks that dir holds exactly the named files: nothing
// temporary was left behind.
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	des, _ := os.ReadDir(dir)
	var got []string
	for _, de := range des {
		got = append(got, de.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func holds(t *testing.T, path, want string) {
	t.Helper()
	if b, err := os.ReadFile(path); err != nil || string(b) != want {
		t.Errorf("%s holds %q (%v), want %q", path, b, err, want)
	}
}

// A crash between the write and the rename: the new file is complete on
// disk and not yet in place. The old file is untouched and the temporary
// file is gone.
func TestCrashBeforeRenameKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := oldFile(t, dir, "out.txt")
	var seen string
	err := Write(path, Options{BeforeRename: func(tmp string) error {
		seen = tmp
		holds(t, tmp, "new and complete")
		holds(t, path, "old")
		if !IsTemp(filepath.Base(tmp)) || filepath.Dir(tmp) != dir {
			t.Errorf("temporary file %s is not named as IsTemp knows, beside the target", tmp)
		}
		return errors.New("the power went out")
	}}, func(w io.Writer) error { _, err := io.WriteString(w, "new and complete"); return err })
	if err == nil || !strings.Contains(err.Error(), "the power went out") {
		t.Fatalf("Write = %v, want the hook's error", err)
	}
	if seen == "" {
		t.Fatal("BeforeRename was not called")
	}
	holds(t, path, "old")
	onlyFiles(t, dir, "out.txt")
}

// A writer that dies half-way, by an error or a panic, leaves no trace.
func TestFailedOrPanickingWriterLeavesNoTrace(t *testing.T) {
	dir := t.TempDir()
	path := oldFile(t, dir, "out.txt")
	err := Write(path, Options{}, func(w io.Writer) error {
		io.WriteString(w, "half a fr")
		return errors.New("renderer failed")
	})
	var ae *Error
	if !errors.As(err, &ae) || ae.Path != path || ae.Err.Error() != "renderer failed" {
		t.Errorf("Write = %#v, want an *Error for %s with the bare cause", err, path)
	}
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want the writer's panic to go on up", r)
			}
		}()
		Write(path, Options{}, func(w io.Writer) error {
			io.WriteString(w, "half a fr")
			panic("boom")
		})
	}()
	holds(t, path, "old")
	onlyFiles(t, dir, "out.txt")
}

// A crash that no deferred function survives leaves a temporary file; it
// is what IsTemp matches and RemoveStale cleans once it is old enough.
func TestStaleTempsAreFoundAndCleaned(t *testing.T) {
	dir := t.TempDir()
	f, tmp, err := createTemp(dir, "wasu-deal.toml")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	names := map[string]bool{ // name → IsTemp
		filepath.Base(tmp):          true,
		".wasu-deal-123456.tmp":     true, // the scenario store's older naming
		".out.png-0123456789ab.tmp": true,
		".notes.tmp":                false,
		".wasu-deal-12ab.tmp":       false,
		".-123.tmp":                 false,
		"keep-123.tmp":              false, // not hidden: not ours
		".out.png-0123456789ab":     false,
	}
	old := time.Now().Add(-2 * time.Hour)
	for name, want := range names {
		if got := IsTemp(name); got != want {
			t.Errorf("IsTemp(%q) = %v, want %v", name, got, want)
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o644)
		os.Chtimes(p, old, old)
	}
	fresh := filepath.Join(dir, ".fresh.txt-aaaaaaaaaaaa.tmp")
	os.WriteFile(fresh, []byte("a write under way"), 0o644)
	n, err := RemoveStale(dir, time.Hour)
	if err != nil || n != 3 {
		t.Errorf("RemoveStale = %d, %v; want the 3 old temporary files", n, err)
	}
	for name, temp := range names {
		_, err := os.Stat(filepath.Join(dir, name))
		if temp != errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: removed %v, want %v", name, err != nil, temp)
		}
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temporary file was removed")
	}
	if n, err := RemoveStale(filepath.Join(dir, "missing"), time.Hour); n != 0 || err != nil {
		t.Errorf("RemoveStale of a missing folder = %d, %v", n, err)
	}
}

// fullDisk passes room bytes on and then fails as a full disk does.
type fullDisk struct {
	w    io.Writer
	room int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= d.room {
		d.room -= len(p)
		return d.w.Write(p)
	}
	n, _ := d.w.Write(p[:d.room])
	d.room = 0
	return n, &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
}

func TestFullDiskKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := oldFile(t, dir, "out.txt")
	err := Write(path, Options{}, func(w io.Writer) error {
		_, err := io.WriteString(&fullDisk{w: w, room: 5}, strings.Repeat("frame ", 100))
		return err
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Write on a full disk = %v, want ENOSPC", err)
	}
	holds(t, path, "old")
	onlyFiles(t, dir, "out.txt")

	// The same with the kernel's own full disk, where there is one.
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	err = Write(path, Options{}, func(w io.Writer) error {
		_, err := io.Copy(io.MultiWriter(w, full), strings.NewReader("a frame"))
		return err
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Write through /dev/full = %v, want ENOSPC", err)
	}
	holds(t, path, "old")
	onlyFiles(t, dir, "out.txt")
}

func TestCreateOnlyRefusesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	path := oldFile(t, dir, "bear.toml")
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }
	err := Write(path, Options{NoClobber: true}, write)
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "already exists and was kept") {
		t.Errorf("create-only over a file = %v, want fs.ErrExist", err)
	}
	holds(t, path, "old")
	onlyFiles(t, dir, "bear.toml")
	fresh := filepath.Join(dir, "bull.toml")
	if err := Write(fresh, Options{NoClobber: true}, write); err != nil {
		t.Fatal(err)
	}
	holds(t, fresh, "new")
	onlyFiles(t, dir, "bear.toml", "bull.toml")
}

// Many writers of one file at once: it always holds one whole write, and
// of many create-only writers of one new name exactly one wins.
func TestConcurrentWritersDoNotCorrupt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "contested.txt")
	const writers = 16
	body := func(i int) string { return strings.Repeat(fmt.Sprintf("writer %02d. ", i), 5000) }
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			err := Write(path, Options{}, func(w io.Writer) error {
				// In pieces, so interleaved writes would show.
				for range 5000 {
					if _, err := fmt.Fprintf(w, "writer %02d. ", i); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	b, _ := os.ReadFile(path)
	whole := false
	for i := range writers {
		whole = whole || string(b) == body(i)
	}
	if !whole {
		t.Errorf("the file is no single write: %.40q…", b)
	}

	fresh := filepath.Join(dir, "new.txt")
	won := make(chan int, writers)
	for i := range writers {
		wg.Go(func() {
			err := Write(fresh, Options{NoClobber: true}, func(w io.Writer) error { _, err := io.WriteString(w, body(i)); return err })
			if err == nil {
				won <- i
			} else if !errors.Is(err, fs.ErrExist) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	close(won)
	var winners []int
	for i := range won {
		winners = append(winners, i)
	}
	if len(winners) != 1 {
		t.Fatalf("%d create-only writers won, want one", len(winners))
	}
	holds(t, fresh, body(winners[0]))
	onlyFiles(t, dir, "contested.txt", "new.txt")
}
