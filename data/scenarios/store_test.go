package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sizeup/market"
)

func testStore(t *testing.T) Store {
	t.Helper()
	// A folder inside the temporary one, so the first save must create it.
	return Store{Dir: filepath.Join(t.TempDir(), "config", "sizeup"),
		now: func() time.Time { return time.Date(2026, 11, 27, 11, 42, 5, 0, time.UTC) }}
}

func mustSave(t *testing.T, s Store, m *market.Market, sc market.Scenario) string {
	t.Helper()
	path, err := s.Save(m, sc)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot is a file's bytes and modification time, to prove it untouched.
type snapshot struct {
	data []byte
	mod  time.Time
}

func snap(t *testing.T, path string) snapshot {
	t.Helper()
	// An old mtime, so a rewrite within the same clock tick still shows.
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{b, old}
}

func (sn snapshot) check(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	info, _ := os.Stat(path)
	if !bytes.Equal(b, sn.data) || !info.ModTime().Equal(sn.mod) {
		t.Errorf("%s changed:\n%s\nwas\n%s\n(mtime %v, was %v)", path, b, sn.data, info.ModTime(), sn.mod)
	}
}

// noTempFiles checks that no save left a temporary file behind.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		if strings.HasSuffix(de.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", de.Name())
		}
	}
}

func TestStoreRoundTripIsExact(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	r := rand.New(rand.NewPCG(3, 4))
	want := map[string]market.Values{}
	for i := 0; i < 40; i++ {
		v := m.Defaults()
		for id := range m.Inputs {
			if r.IntN(2) == 0 {
				v[id] = randomValue(r, &m.Inputs[id])
			}
		}
		name := fmt.Sprintf("Trial %02d", i)
		path := mustSave(t, s, m, market.Scenario{Name: name, Note: "random", Settings: market.Diff(m, v)})
		if filepath.Dir(path) != s.Dir || filepath.Base(path) != fmt.Sprintf("trial-%02d.toml", i) {
			t.Errorf("saved %q to %s", name, path)
		}
		want[name] = v
	}
	entries, err := s.List(m)
	if err != nil || len(entries) != len(want) {
		t.Fatalf("List = %d entries, %v; want %d", len(entries), err, len(want))
	}
	if !sort.SliceIsSorted(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name }) {
		t.Error("List is not sorted by name")
	}
	same := func(what string, got, v market.Values) {
		t.Helper()
		for id := range v {
			if math.Float64bits(got[id]) != math.Float64bits(v[id]) {
				t.Fatalf("%s: %s saved %v, read %v", what, idName(market.ID(id)), v[id], got[id])
			}
		}
	}
	for _, e := range entries {
		if e.Err != nil || e.Scenario == nil || e.ModTime.IsZero() {
			t.Fatalf("%s: %v", e.Name, e.Err)
		}
		same("List "+e.Name, e.Scenario.Values(m), want[e.Name])
		if e.Scenario.Note != "random" || e.Scenario.Market != m.Name || !e.Scenario.Saved.Equal(s.now()) {
			t.Errorf("%s: %+v", e.Name, e.Scenario)
		}
		byName, err := s.Load(m, strings.ToUpper(e.Name))
		if err != nil {
			t.Fatal(err)
		}
		same("Load by name "+e.Name, byName.Values(m), want[e.Name])
		byPath, err := s.Load(m, e.Path)
		if err != nil {
			t.Fatal(err)
		}
		same("Load by path "+e.Name, byPath.Values(m), want[e.Name])
	}
	// The file holds only the inputs that differ from the defaults.
	v := m.Defaults()
	v[Conversion] = 0.03
	path := mustSave(t, s, m, market.Scenario{Name: "One change", Settings: market.Diff(m, v)})
	text, _ := os.ReadFile(path)
	for _, id := range chinaForIDs.InputNames() {
		if strings.Contains(string(text), id+" =") != (id == "conversion") {
			t.Errorf("file lists %s wrongly:\n%s", id, text)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("file mode %v, want 0644", info.Mode().Perm())
	}
	if info, _ := os.Stat(s.Dir); runtime.GOOS != "windows" && (info.Mode().Perm()&^0o755 != 0 || info.Mode().Perm()&0o700 != 0o700) {
		t.Errorf("folder mode %v, want 0755 less the umask", info.Mode().Perm())
	}
	noTempFiles(t, s.Dir)
}

func TestSaveReplacesAndKeepsThePermissions(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	v := m.Defaults()
	v[Price] = 5
	path := mustSave(t, s, m, market.Scenario{Name: "Mine", Settings: market.Diff(m, v)})
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	v[Price] = 6
	mustSave(t, s, m, market.Scenario{Name: "mine", Settings: market.Diff(m, v)}) // same name, any case
	sc, err := s.Load(m, "MINE")
	if err != nil || sc.Values(m)[Price] != 6 || sc.Name != "mine" {
		t.Fatalf("after a second save: %+v, %v", sc, err)
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the user's 0600 kept", info.Mode().Perm())
	}
}

func TestInterruptedSaveLeavesTheOldFileByteForByte(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	v := m.Defaults()
	v[Conversion] = 0.03
	path := mustSave(t, s, m, market.Scenario{Name: "Wasu deal", Settings: market.Diff(m, v)})
	before := snap(t, path)

	v[Conversion] = 0.07
	next := market.Scenario{Name: "Wasu deal", Note: "the second save", Settings: market.Diff(m, v)}
	s.beforeRename = func(tmp string) error {
		// The new file is complete on disk and not yet in place: the moment a
		// crash or power cut would hit.
		b, err := os.ReadFile(tmp)
		if err != nil || !bytes.Contains(b, []byte("conversion = 0.07")) || filepath.Dir(tmp) != s.Dir {
			t.Errorf("temporary file %s: %q, %v", tmp, b, err)
		}
		before.check(t, path)
		return errors.New("the power went out")
	}
	_, err := s.Save(m, next)
	if err == nil || !strings.Contains(err.Error(), "the power went out") || !strings.Contains(err.Error(), "previous file was kept") {
		t.Fatalf("Save = %v, want the cause and that the previous file was kept", err)
	}
	before.check(t, path)
	noTempFiles(t, s.Dir)
	if sc, err := s.Load(m, "wasu deal"); err != nil || sc.Values(m)[Conversion] != 0.03 {
		t.Errorf("after the failed save: %+v, %v", sc, err)
	}

	// A crash leaves the temporary file behind: it is hidden, and List and
	// the next save ignore it.
	if err := os.WriteFile(filepath.Join(s.Dir, ".wasu-deal-123.tmp"), []byte("name = \"half"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.beforeRename = nil
	mustSave(t, s, m, next)
	entries, err := s.List(m)
	if err != nil || len(entries) != 1 || entries[0].Err != nil || entries[0].Scenario.Note != "the second save" {
		t.Errorf("List after a crash = %+v, %v", entries, err)
	}
}

// fullDisk writes part of what it is given and then fails as a full disk
// does.
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
	m := defaultMarket(t)
	s := testStore(t)
	v := m.Defaults()
	v[Price] = 5
	path := mustSave(t, s, m, market.Scenario{Name: "Bigger", Settings: market.Diff(m, v)})
	before := snap(t, path)

	s.wrapWriter = func(w io.Writer) io.Writer { return &fullDisk{w: w, room: 40} }
	v[Price] = 6
	_, err := s.Save(m, market.Scenario{Name: "Bigger", Settings: market.Diff(m, v)})
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "no space left on device; the previous file was kept") {
		t.Fatalf("Save on a full disk = %v", err)
	}
	before.check(t, path)
	noTempFiles(t, s.Dir)

	// A first save that fails says nothing was written, and nothing was.
	_, err = s.Save(m, market.Scenario{Name: "New one", Settings: market.Diff(m, v)})
	if err == nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("first save on a full disk = %v", err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "new-one.toml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed first save left a file: %v", err)
	}
	noTempFiles(t, s.Dir)
}

func TestSaveWhereTheFolderIsAFile(t *testing.T) {
	// A failure even root cannot write through.
	m := defaultMarket(t)
	parent := t.TempDir()
	s := Store{Dir: filepath.Join(parent, "sizeup")}
	if err := os.WriteFile(s.Dir, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := s.Save(m, market.Scenario{Name: "x"})
	if err == nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("Save = %v", err)
	}
	if entries, err := s.List(m); err == nil || len(entries) != 0 {
		t.Errorf("List of a file = %v, %v; want an error", entries, err)
	}
}

// TestSaveIntoAReadOnlyFolder checks a folder the user cannot write to.
// Root can write anywhere, so as root the check runs in a child process
// as the user nobody (Linux), or is skipped.
func TestSaveIntoAReadOnlyFolder(t *testing.T) {
	m := defaultMarket(t)
	if dir := os.Getenv("SIZEUP_TEST_READONLY_DIR"); dir != "" {
		checkReadOnlySave(t, m, Store{Dir: dir})
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("Windows does not stop files being created in a folder marked read-only")
	}
	dir := t.TempDir()
	s := Store{Dir: filepath.Join(dir, "sizeup")}
	v := m.Defaults()
	v[Price] = 5
	path := mustSave(t, s, m, market.Scenario{Name: "Kept", Settings: market.Diff(m, v)})
	before := snap(t, path)
	if err := os.Chmod(s.Dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(s.Dir, 0o755) })
	if os.Geteuid() != 0 {
		checkReadOnlySave(t, m, s)
	} else {
		runAsNobody(t, s.Dir)
	}
	before.check(t, path)
	noTempFiles(t, s.Dir)
}

func checkReadOnlySave(t *testing.T, m *market.Market, s Store) {
	v := m.Defaults()
	v[Price] = 6
	_, err := s.Save(m, market.Scenario{Name: "Kept", Settings: market.Diff(m, v)})
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "the previous file was kept") {
		t.Fatalf("Save into a read-only folder = %v", err)
	}
	sc, err := s.Load(m, "kept")
	if err != nil || sc.Values(m)[Price] != 5 {
		t.Fatalf("after the refused save: %+v, %v", sc, err)
	}
}

func TestCorruptAndForeignFilesAreListedAndLeftAlone(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	v := m.Defaults()
	v[Price] = 5
	mustSave(t, s, m, market.Scenario{Name: "Good", Settings: market.Diff(m, v)})
	india := strings.Replace(mustRead(t, filepath.Join(s.Dir, "good.toml")), `market = "China online video"`, `market = "India online video"`, 1)
	india = strings.Replace(india, `name = "Good"`, `name = "India bull"`, 1)
	files := map[string]string{
		"corrupt.toml":    "name = \"Half\nmarket = ",
		"binary.toml":     "\x00\x01\x02\xff\xfe",
		"foreign.toml":    "[server]\nport = 8080\n",
		"bad value.toml":  "name = \"Bad value\"\nmarket = \"China online video\"\n[set]\nconversion = 3\n",
		"india.toml":      india,
		"notes.txt":       "not a scenario",
		".hidden.toml":    "name = ",
		".good-1234.tmp":  "half a save",
		"UPPER CASE.TOML": "name = \"Upper\"\nmarket = \"China online video\"\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(s.Dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(s.Dir, "folder.toml"), 0o755); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(s.Dir, "huge.toml")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 5<<20); err != nil {
		t.Fatal(err)
	}
	snaps := map[string]snapshot{}
	des, _ := os.ReadDir(s.Dir)
	for _, de := range des {
		if !de.IsDir() {
			snaps[de.Name()] = snap(t, filepath.Join(s.Dir, de.Name()))
		}
	}

	entries, err := s.List(m)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Entry{}
	var names []string
	for _, e := range entries {
		got[filepath.Base(e.Path)] = e
		names = append(names, e.Name)
	}
	if strings.Join(names, "|") != "Bad value|binary|corrupt|foreign|Good|huge|India bull|Upper" {
		t.Errorf("listed %q", names)
	}
	wantErr := map[string]string{
		"corrupt.toml":   "corrupt.toml:1",
		"binary.toml":    "not UTF-8",
		"foreign.toml":   "foreign.toml:1: server: is not a field sizeup knows",
		"bad value.toml": "bad value.toml:4: set.conversion: 3 is outside",
		"india.toml":     `belongs to the market "India online video"`,
		"huge.toml":      "is 5242880 bytes",
	}
	for file, says := range wantErr {
		e := got[file]
		if e.Err == nil || !strings.Contains(e.Err.Error(), says) || !strings.Contains(e.Err.Error(), file) || e.Scenario != nil {
			t.Errorf("%s: listed with %v, want an error saying %q", file, e.Err, says)
		}
		if e.OtherMarket() != (file == "india.toml") {
			t.Errorf("%s: OtherMarket %v", file, e.OtherMarket())
		}
	}
	if e := got["good.toml"]; e.Err != nil || e.Scenario.Values(m)[Price] != 5 {
		t.Errorf("good.toml: %+v", e)
	}

	// Loading, saving other names and refused saves leave every file alone.
	if _, err := s.Load(m, "corrupt"); err == nil || !strings.Contains(err.Error(), "corrupt.toml:1") {
		t.Errorf("Load corrupt = %v", err)
	}
	mustSave(t, s, m, market.Scenario{Name: "Another"})
	for _, name := range []string{"Corrupt", "Foreign", "Huge", "India"} {
		_, err := s.Save(m, market.Scenario{Name: name})
		if err == nil || !strings.Contains(err.Error(), "left as it is") && !strings.Contains(err.Error(), "was kept") {
			t.Errorf("Save over %s = %v, want a refusal that keeps the file", name, err)
		}
	}
	if err := s.Rename(m, "corrupt", "Fixed"); err == nil || !strings.Contains(err.Error(), "left as it is") {
		t.Errorf("Rename of a corrupt file = %v", err)
	}
	for file, sn := range snaps {
		sn.check(t, filepath.Join(s.Dir, file))
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "fixed.toml")); err == nil {
		t.Error("a refused rename wrote a file")
	}

	// The user may delete an unreadable file, by the name List shows.
	if err := s.Delete(got["corrupt.toml"].Name); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(got["bad value.toml"].Path); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"corrupt.toml", "bad value.toml"} {
		if _, err := os.Stat(filepath.Join(s.Dir, f)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s not deleted", f)
		}
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNamesThatAreNotNamesAreRefused(t *testing.T) {
	m := defaultMarket(t)
	root := t.TempDir()
	s := Store{Dir: filepath.Join(root, "a", "b", "sizeup")}
	mustSave(t, s, m, market.Scenario{Name: "Real"})
	for _, name := range []string{"../../x", "a/b", "..", ".", "", "   ", "con", "bell\a", `..\..\x`, "/etc/passwd", ".hidden"} {
		_, err := s.Save(m, market.Scenario{Name: name})
		if err == nil || !strings.Contains(err.Error(), "letters, digits, spaces") {
			t.Errorf("Save(%q) = %v, want a sentence on what a name may hold", name, err)
		}
		if err := s.Rename(m, "Real", name); err == nil {
			t.Errorf("Rename to %q accepted", name)
		}
	}
	// Nothing was written outside the store, and only Real inside it.
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			files = append(files, strings.TrimPrefix(p, root))
		}
		return nil
	})
	if len(files) != 1 || files[0] != string(filepath.Separator)+filepath.Join("a", "b", "sizeup", "real.toml") {
		t.Errorf("files %v, want only real.toml", files)
	}
	// Delete takes a path only inside the store.
	if err := s.Delete(filepath.Join(root, "a", "x.toml")); err == nil {
		t.Error("Delete outside the store accepted")
	}
	if err := s.Delete("../../x"); err == nil {
		t.Error("Delete ../../x accepted")
	}
}

func TestPresetsAndNamesInLoad(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	for _, name := range []string{"bear", "BEAR", " Bear ", "mobile-only licence"} {
		sc, err := s.Load(m, name)
		if err != nil {
			t.Fatalf("Load(%q): %v", name, err)
		}
		want, _ := m.Preset(name)
		if sc.Name != want.Name || sc.Values(m) != want.Values(m) {
			t.Errorf("Load(%q) = %+v", name, sc)
		}
		sc.Settings[0].Value = -1 // a copy: the market's preset is not changed
		if want.Settings[0].Value == -1 {
			t.Fatal("Load handed out the market's own preset")
		}
	}
	for _, name := range []string{"Bear", "base", "MOBILE-ONLY LICENCE"} {
		if _, err := s.Save(m, market.Scenario{Name: name}); err == nil || !strings.Contains(err.Error(), "is a preset") {
			t.Errorf("Save(%q) = %v, want a refusal naming the preset", name, err)
		}
	}
	_, err := s.Load(m, "Wasu deal")
	if err == nil || !strings.Contains(err.Error(), `no scenario named "Wasu deal"`) || !strings.Contains(err.Error(), "Base, Bull, Bear, Mobile-only licence") {
		t.Errorf("Load of a missing name = %v", err)
	}
	if _, err := s.Load(m, ""); err == nil {
		t.Error("Load of nothing accepted")
	}
	if _, err := s.Load(m, "../../x"); err == nil || !strings.Contains(err.Error(), "../../x") {
		t.Errorf("Load(../../x) = %v, want a missing file", err)
	}

	// A path: with a separator, or a .toml file that exists.
	v := m.Defaults()
	v[Price] = 7
	saved := mustSave(t, s, m, market.Scenario{Name: "Shared", Settings: market.Diff(m, v)})
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "from-a-colleague.toml"), []byte(mustRead(t, saved)), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	for _, arg := range []string{"from-a-colleague.toml", "./from-a-colleague.toml", filepath.Join(work, "from-a-colleague.toml")} {
		sc, err := s.Load(m, arg)
		if err != nil || sc.Values(m)[Price] != 7 {
			t.Errorf("Load(%q) = %+v, %v", arg, sc, err)
		}
	}
	if _, err := s.Load(m, "missing.toml"); err == nil || !strings.Contains(err.Error(), "no scenario named") {
		t.Errorf("Load(missing.toml) = %v", err)
	}
}

func TestSavesOfOneNameNeverInterleave(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	const writers = 48
	wrote := make([]market.Values, writers)
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		v := m.Defaults()
		v[Price] = 1 + float64(i)/4
		v[Conversion] = 0.001 * float64(i+1)
		// Long notes make each write big enough to be cut into pieces.
		note := strings.Repeat(fmt.Sprintf("writer %d. ", i), 2000)
		wrote[i] = v
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Save(m, market.Scenario{Name: "Contested", Note: note, Settings: market.Diff(m, v)})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	sc, err := s.Load(m, "contested")
	if err != nil {
		t.Fatal(err)
	}
	got := sc.Values(m)
	match := -1
	for i, v := range wrote {
		if v == got {
			match = i
		}
	}
	if match < 0 || sc.Note != strings.Repeat(fmt.Sprintf("writer %d. ", match), 2000) {
		t.Fatalf("the file is no single save: %v, note %.40q", got, sc.Note)
	}
	noTempFiles(t, s.Dir)
	if entries, _ := s.List(m); len(entries) != 1 {
		t.Errorf("%d files after saving one name", len(entries))
	}
}

func TestRenameAndDelete(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	v := m.Defaults()
	v[ApprovalLag] = 9
	path := mustSave(t, s, m, market.Scenario{Name: "Wasu deal", Note: "slow approvals", Settings: market.Diff(m, v)})
	// A comment added by hand survives a rename: only the name line changes.
	text := strings.Replace(mustRead(t, path), "approval_lag = 9", "# asked Wasu, Nov 2026\napproval_lag = 9", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, m, market.Scenario{Name: "Other"})

	if err := s.Rename(m, "wasu deal", "Wasu (slow)"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the old file is still there: %v", err)
	}
	renamed := filepath.Join(s.Dir, "wasu-slow.toml")
	if got, want := mustRead(t, renamed), strings.Replace(text, `name = "Wasu deal"`, `name = "Wasu (slow)"`, 1); got != want {
		t.Errorf("renamed file\n%s\nwant\n%s", got, want)
	}
	sc, err := s.Load(m, "Wasu (slow)")
	if err != nil || sc.Name != "Wasu (slow)" || sc.Values(m) != v || sc.Note != "slow approvals" {
		t.Errorf("after rename: %+v, %v", sc, err)
	}

	// Onto an existing name, a preset, or from a missing name: refused.
	if err := s.Rename(m, "Wasu (slow)", "other"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("Rename onto an existing name = %v", err)
	}
	if err := s.Rename(m, "Wasu (slow)", "bull"); err == nil || !strings.Contains(err.Error(), "is a preset") {
		t.Errorf("Rename onto a preset = %v", err)
	}
	if err := s.Rename(m, "nobody", "Somebody"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Rename of a missing name = %v", err)
	}
	// A change of case keeps the file and changes the name.
	if err := s.Rename(m, "wasu (slow)", "WASU (SLOW)"); err != nil {
		t.Fatal(err)
	}
	if sc, err := s.Load(m, "wasu (slow)"); err != nil || sc.Name != "WASU (SLOW)" {
		t.Errorf("after a change of case: %+v, %v", sc, err)
	}

	// A name written across lines cannot be replaced alone: the whole file
	// is rewritten instead, and still reads back.
	multi := "name = \"\"\"Multi\nline\"\"\"\nmarket = \"China online video\"\n[set]\nprice = 3\n"
	if err := os.WriteFile(filepath.Join(s.Dir, "multi.toml"), []byte(multi), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(m, "multi line", "Single"); err != nil {
		t.Fatal(err)
	}
	if sc, err := s.Load(m, "single"); err != nil || sc.Name != "Single" || sc.Values(m)[Price] != 3 {
		t.Errorf("after renaming a multi-line name: %+v, %v", sc, err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "multi.toml")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("multi.toml is still there")
	}

	if err := s.Delete("WASU (slow)"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(m, "Wasu (slow)"); err == nil {
		t.Error("a deleted scenario still loads")
	}
	if err := s.Delete("wasu (slow)"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("deleting twice = %v", err)
	}
}

func TestNamesThatShareAFileAreRefused(t *testing.T) {
	m := defaultMarket(t)
	s := testStore(t)
	path := mustSave(t, s, m, market.Scenario{Name: "Wasu deal", Note: "first"})
	before := snap(t, path)
	_, err := s.Save(m, market.Scenario{Name: "wasu-deal", Note: "second"})
	if err == nil || !strings.Contains(err.Error(), `already holds the scenario "Wasu deal"`) {
		t.Fatalf("Save of a name sharing a file = %v", err)
	}
	before.check(t, path)
	// The same name for another market is refused too.
	other := *m
	other.Name = "India online video"
	other.Presets = nil
	if _, err := s.Save(&other, market.Scenario{Name: "Wasu deal"}); err == nil || !strings.Contains(err.Error(), `for the market "China online video"`) {
		t.Fatalf("Save over another market's scenario = %v", err)
	}
	before.check(t, path)
}

func TestDefaultStoreIsInTheUserConfigDir(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "ios" || runtime.GOOS == "plan9" {
		t.Skip("XDG_CONFIG_HOME is honoured on Unix other than macOS")
	}
	xdg := filepath.Join(t.TempDir(), "xdg")
	t.Setenv("XDG_CONFIG_HOME", xdg)
	s, err := DefaultStore()
	if err != nil || s.Dir != filepath.Join(xdg, "sizeup") {
		t.Fatalf("DefaultStore = %+v, %v", s, err)
	}
	m := defaultMarket(t)
	if entries, err := s.List(m); err != nil || len(entries) != 0 {
		t.Errorf("an empty store lists %v, %v", entries, err)
	}
	if _, err := os.Stat(xdg); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the folder was created before the first save")
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "")
	if _, err := DefaultStore(); err == nil {
		t.Error("no HOME and no XDG_CONFIG_HOME, yet a store")
	}
	var none Store
	if _, err := none.List(m); err == nil {
		t.Error("a store with no folder lists")
	}
	if sc, err := none.Load(m, "bear"); err != nil || sc.Name != "Bear" {
		t.Errorf("presets need no folder: %v", err)
	}
}
