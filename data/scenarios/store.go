package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"sizeup/data/internal/scenariotext"
	"sizeup/data/internal/tomlfile"
	"sizeup/internal/atomicfile"
	"sizeup/market"
)

// Store keeps saved scenarios as files in one directory, one small TOML
// file per scenario (see ParseScenario for the format), named after the
// scenario: "Wasu deal" is wasu-deal.toml, with the name itself inside.
//
// The store never loses what was saved:
//
//   - a save writes a temporary file in the same directory, syncs it to
//     disk, renames it over the old file and syncs the directory, so a crash
//     or a full disk leaves either the old file or the new one, never half
//     of either; a failed save removes its temporary file and says that the
//     previous file was kept;
//   - a file it cannot read (corrupt, hand-edited wrongly, another program's)
//     is listed with its error and never rewritten, renamed or removed
//     unless the user deletes it; a save that would land on such a file is
//     refused;
//   - saves of the same name within one process take turns (a lock per
//     file), so they never interleave. Between processes there is no lock:
//     each writer has its own temporary file and the rename is atomic, so
//     the file is always one whole save, the last one to finish. A lock file
//     would have to be cleaned up after a crash, and flock is not portable;
//     two sizeup windows saving the same name in the same second is not
//     worth either.
type Store struct {
	Dir string // where the files live; created on the first save

	// Test hooks, nil in use: the clock, a wrapper round the temporary
	// file's writer (to fail like a full disk), and a step between the
	// temporary file being complete and the rename (to fail or crash there).
	now          func() time.Time
	wrapWriter   func(io.Writer) io.Writer
	beforeRename func(tmp string) error
}

// DefaultStore is the store in the user's config directory, os.UserConfigDir
// followed by "sizeup":
//
//	Linux, BSD  $XDG_CONFIG_HOME/sizeup, or ~/.config/sizeup
//	macOS       ~/Library/Application Support/sizeup
//	Windows     %AppData%\sizeup
//
// The directory is not created until the first save. Opening the store
// removes the temporary files that crashed saves left there over an hour
// ago (RemoveStaleTemps).
func DefaultStore() (Store, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return Store{}, fmt.Errorf("no folder for saved scenarios: %w", err)
	}
	s := Store{Dir: filepath.Join(dir, "sizeup")}
	s.RemoveStaleTemps() // best effort: a folder that cannot be read is reported by List
	return s, nil
}

// StoreProblem says why scenarios cannot be saved on this machine, "" when
// they can: no config folder (no $HOME, or a relative $XDG_CONFIG_HOME),
// or a scenario folder that is a file or cannot be written. It is one
// sentence for the app to show instead of "s saves the sliders".
func StoreProblem() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "Scenarios cannot be saved: there is no config folder (" + err.Error() + "); set $HOME, or $XDG_CONFIG_HOME to an absolute path."
	}
	folder := filepath.Join(dir, "sizeup")
	for d := folder; ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err == nil {
			switch {
			case !info.IsDir():
				return "Scenarios cannot be saved: " + d + " is a file, not a folder; move it away or set $XDG_CONFIG_HOME."
			case !writable(d):
				return "Scenarios cannot be saved: the folder " + d + " is not writable; fix its permissions or set $XDG_CONFIG_HOME."
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Entry is one file in the store. A file that could not be read has Err
// set and Scenario nil; its Name is the name written in it when that much
// reads (a bad value, another market), else its file name without .toml.
// Either way Load and Delete accept that Name.
type Entry struct {
	Name     string
	Path     string
	Scenario *market.Scenario
	Err      error
	ModTime  time.Time
}

// OtherMarket reports whether the entry is a good scenario of another
// market, which a UI may show apart from the broken ones.
func (e Entry) OtherMarket() bool { return errors.Is(e.Err, ErrOtherMarket) }

var errNoDir = errors.New("there is no folder for saved scenarios (the user's config directory is unknown); set $HOME or $XDG_CONFIG_HOME")

// List reads every scenario file in the store, sorted by name. A file that
// cannot be read is listed with its error and left as it is; it never stops
// the listing. Files that do not end in .toml, hidden files (such as a
// save's temporary file) and folders are not scenarios and are skipped. A
// store whose directory does not exist yet is empty; the error is only for
// a directory that exists and cannot be read, and comes with whatever could
// be listed.
func (s Store) List(m *market.Market) ([]Entry, error) {
	if s.Dir == "" {
		return nil, errNoDir
	}
	des, dirErr := os.ReadDir(s.Dir)
	if errors.Is(dirErr, fs.ErrNotExist) {
		return nil, nil
	}
	if dirErr != nil {
		dirErr = fmt.Errorf("scenario folder %s: %w", s.Dir, tomlfile.UnwrapPathError(dirErr))
	}
	var entries []Entry
	for _, de := range des {
		if !scenarioFileName(de.Name()) || de.IsDir() {
			continue
		}
		path := filepath.Join(s.Dir, de.Name())
		// A file name is anyone's text: shown, it must not drive the terminal.
		e := Entry{Name: tomlfile.EscapeControls(strings.TrimSuffix(de.Name(), filepath.Ext(de.Name()))), Path: path}
		info, err := os.Stat(path)
		switch {
		case err != nil:
			e.Err = &FileError{File: path, Msg: tomlfile.UnwrapPathError(err).Error()}
		case info.IsDir():
			continue
		default:
			e.ModTime = info.ModTime()
			var text []byte
			if text, e.Err = readScenarioFile(path); e.Err == nil {
				e.Scenario, e.Err = ParseScenario(path, text, m)
				if f, _, err := decodeScenario(path, text); e.Err != nil && err == nil {
					e.Name = NormalizeName(*f.Name) // a good name with a bad value, or another market's
				}
			}
		}
		if e.Scenario != nil {
			e.Name = e.Scenario.Name
		}
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := strings.ToLower(entries[i].Name), strings.ToLower(entries[j].Name)
		if a != b {
			return a < b
		}
		return entries[i].Path < entries[j].Path
	})
	return entries, dirErr
}

func scenarioFileName(name string) bool {
	return !strings.HasPrefix(name, ".") && strings.EqualFold(filepath.Ext(name), ".toml")
}

// Load opens a scenario for market m by what a person typed after
// --scenario:
//
//   - a path to a file: anything with a path separator, or ending in .toml
//     when such a file exists ("./bear.toml", "~/x/wasu.toml" as the shell
//     expands it);
//   - a preset of the market, ignoring case ("bear");
//   - the name of a saved scenario, ignoring case ("wasu deal").
//
// Presets come before saved scenarios, so --scenario bear always means
// the shipped Bear; Save refuses a preset's name, so only a hand-made file
// can be hidden this way.
func (s Store) Load(m *market.Market, nameOrPath string) (*market.Scenario, error) {
	arg := strings.TrimSpace(nameOrPath)
	if arg == "" {
		return nil, errors.New("give a scenario name (a preset such as Bear, or one you saved) or the path of a scenario file")
	}
	if looksLikePath(arg) {
		sc, err := loadFile(m, arg)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &FileError{File: arg, Msg: "no such file; give the path of a scenario file, or the name of a preset or saved scenario (a name has no / in it)", Err: err}
		}
		return sc, err
	}
	if p, ok := m.Preset(arg); ok {
		sc := *p
		sc.Settings = append([]market.Setting(nil), p.Settings...)
		return &sc, nil
	}
	path, err := s.find(arg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, s.notFound(m, arg)
		}
		return nil, err
	}
	return loadFile(m, path)
}

func looksLikePath(arg string) bool {
	if strings.ContainsAny(arg, "/"+string(filepath.Separator)) {
		return true
	}
	if strings.EqualFold(filepath.Ext(arg), ".toml") {
		info, err := os.Stat(arg)
		return err == nil && !info.IsDir()
	}
	return false
}

func (s Store) notFound(m *market.Market, name string) error {
	var presets, saved []string
	for _, p := range m.Presets {
		presets = append(presets, p.Name)
	}
	entries, _ := s.List(m)
	for _, e := range entries {
		if e.Scenario != nil {
			saved = append(saved, e.Name)
		}
	}
	have := "none saved yet"
	if len(saved) > 0 {
		have = "saved: " + market.JoinShort(saved)
	}
	return fmt.Errorf("no scenario named %s; the presets are %s; %s (in %s); or give the path of a scenario file",
		market.QuoteShort(name), market.JoinShort(presets), have, s.Dir)
}

// loadFile reads and parses one scenario file.
func loadFile(m *market.Market, path string) (*market.Scenario, error) {
	text, err := readScenarioFile(path)
	if err != nil {
		return nil, err
	}
	return ParseScenario(path, text, m)
}

// readScenarioFile reads a file that should be a scenario, refusing what
// cannot be one before reading it: a folder, a device or pipe (reading
// which could block start-up), or anything over maxScenarioBytes.
func readScenarioFile(path string) ([]byte, error) {
	return tomlfile.ReadRegular(path, maxScenarioBytes, "a scenario file")
}

// find is the file of a saved scenario: the file its name maps to, or
// else any file whose scenario has that name or whose file name is that
// name (so a hand-made or unreadable file can still be opened or deleted
// by the name List shows for it).
func (s Store) find(name string) (string, error) {
	name = NormalizeName(name)
	if err := ValidName(name); err != nil {
		return "", err
	}
	if s.Dir == "" {
		return "", errNoDir
	}
	path := filepath.Join(s.Dir, scenariotext.FileStem(name)+".toml")
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
		return path, nil
	}
	des, _ := os.ReadDir(s.Dir)
	for _, de := range des {
		if !scenarioFileName(de.Name()) || de.IsDir() {
			continue
		}
		p := filepath.Join(s.Dir, de.Name())
		if strings.EqualFold(strings.TrimSuffix(de.Name(), filepath.Ext(de.Name())), name) {
			return p, nil
		}
		if text, err := readScenarioFile(p); err == nil {
			if f, _, err := decodeScenario(p, text); err == nil && strings.EqualFold(NormalizeName(*f.Name), name) {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("no saved scenario named %q in %s: %w", name, s.Dir, fs.ErrNotExist)
}

// Path is the file a scenario of this name is saved to.
func (s Store) Path(name string) (string, error) {
	file, err := FileName(name)
	if err != nil {
		return "", err
	}
	if s.Dir == "" {
		return "", errNoDir
	}
	return filepath.Join(s.Dir, file), nil
}

// Save writes the scenario for market m under its name, replacing an
// earlier save of the same name, and returns the file's path. The name is
// normalised (NormalizeName) and must be valid and not a preset's. The
// file's saved time is set to now. A save that fails leaves the previous
// file exactly as it was and says so. A save that would replace a file
// holding something else (a scenario of another name whose file name is
// the same, another market's scenario, a file sizeup cannot read) is
// refused and that file kept.
func (s Store) Save(m *market.Market, sc market.Scenario) (string, error) {
	sc.Name = NormalizeName(sc.Name)
	if err := ValidName(sc.Name); err != nil {
		return "", err
	}
	if err := s.notAPreset(m, sc.Name); err != nil {
		return "", err
	}
	if sc.Market == "" {
		sc.Market = m.Name
	}
	sc.Saved = s.clock()
	text, err := EncodeScenario(m, &sc)
	if err != nil {
		return "", err
	}
	path, err := s.Path(sc.Name)
	if err != nil {
		return "", err
	}
	defer lockFiles(path)()

	existed, err := s.checkReplace(path, sc.Name, m.Name)
	if err != nil {
		return "", err
	}
	err = s.write(path, text, 0, false)
	var unsynced *atomicfile.DirSyncError
	if errors.As(err, &unsynced) {
		return path, fmt.Errorf("scenario %q was written to %s, but its folder could not be flushed to disk (%w); it may not survive a crash right now", sc.Name, path, unsynced.Err)
	}
	if err != nil {
		kept := "nothing was written"
		if existed {
			kept = "the previous file was kept as it was"
		}
		return "", fmt.Errorf("could not save scenario %q to %s: %w; %s", sc.Name, path, err, kept)
	}
	return path, nil
}

func (s Store) clock() time.Time {
	if s.now != nil {
		return s.now().UTC().Truncate(time.Second)
	}
	return time.Now().UTC().Truncate(time.Second)
}

func (s Store) notAPreset(m *market.Market, name string) error {
	if p, ok := m.Preset(name); ok {
		return fmt.Errorf("scenario name %q: %s is a preset of %s, which --scenario %s opens; choose another name, such as %q",
			name, p.Name, m.Name, strings.ToLower(p.Name), p.Name+" (mine)")
	}
	return nil
}

// checkReplace says whether path may be replaced by a save of name for the
// market. It may when there is no file, or when the file holds a scenario
// of the same name and market; that file keeps its permissions
// (atomicfile.Write sees to it).
func (s Store) checkReplace(path, name, marketName string) (existed bool, err error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // a new file: 0666 less the umask
	}
	if err != nil {
		return false, fmt.Errorf("could not save scenario %q: %s: %w; nothing was written", name, path, tomlfile.UnwrapPathError(err))
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return true, fmt.Errorf("could not save scenario %q: %s is a symbolic link, and sizeup does not write through links; it was left as it is, so choose another name or replace the link with the file", name, path)
	}
	text, err := readScenarioFile(path)
	if err != nil {
		return true, fmt.Errorf("could not save scenario %q: %s cannot be read (%v), so it was left as it is; choose another name, or fix or remove that file", name, path, err)
	}
	f, _, err := decodeScenario(path, text)
	switch {
	case err != nil:
		return true, fmt.Errorf("could not save scenario %q: %s holds something sizeup cannot read (%v), so it was left as it is; choose another name, or fix or remove that file", name, path, err)
	case !strings.EqualFold(NormalizeName(*f.Name), name):
		return true, fmt.Errorf("could not save scenario %q: its file %s already holds the scenario %q, which was kept (the two names share a file name); choose another name", name, path, NormalizeName(*f.Name))
	case f.Market != nil && !sameMarket(*f.Market, marketName):
		return true, fmt.Errorf("could not save scenario %q: %s holds a scenario of that name for the market %q, which was kept; choose another name", name, path, *f.Market)
	}
	return true, nil
}

// write puts data at path atomically (atomicfile.Write), creating the
// store's folder first (0755 less the umask: it is the user's config
// folder). perm is a new file's mode (0 for 0666 less the umask); an
// existing file keeps its own. createOnly refuses to replace a file. The
// error is the bare cause, as Save and Rename name the file themselves;
// a folder that could not be synced after the rename is a
// *atomicfile.DirSyncError.
func (s Store) write(path string, data []byte, perm fs.FileMode, createOnly bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return tomlfile.UnwrapPathError(err)
	}
	opt := atomicfile.Options{Perm: perm, NoClobber: createOnly, BeforeRename: s.beforeRename}
	err := atomicfile.Write(path, opt, func(w io.Writer) error {
		if s.wrapWriter != nil {
			w = s.wrapWriter(w)
		}
		_, err := w.Write(data)
		return err
	})
	var ae *atomicfile.Error
	if errors.As(err, &ae) {
		return tomlfile.UnwrapPathError(ae.Err)
	}
	return err
}

// Rename gives a saved scenario a new name: its file is rewritten under the
// new name's file (only the name line changes, so hand-written comments
// stay) and the old file removed. It refuses a new name that is invalid, a
// preset's, or already saved, and a file it cannot read, which it leaves
// as it is.
func (s Store) Rename(m *market.Market, oldName, newName string) error {
	newName = NormalizeName(newName)
	if err := ValidName(newName); err != nil {
		return err
	}
	if err := s.notAPreset(m, newName); err != nil {
		return err
	}
	oldPath, err := s.find(oldName)
	if err != nil {
		return err
	}
	newPath, _ := s.Path(newName)
	defer lockFiles(oldPath, newPath)()

	oldInfo, err := os.Stat(oldPath)
	if err != nil {
		return fmt.Errorf("could not rename %q: %w", oldName, err)
	}
	if newInfo, err := os.Lstat(newPath); err == nil {
		if !os.SameFile(oldInfo, newInfo) {
			return fmt.Errorf("could not rename %q to %q: %s already exists; choose another name, or delete that scenario first", oldName, newName, newPath)
		}
		newPath = oldPath // the same file (a change of case on a case-insensitive disk)
	}
	text, err := readScenarioFile(oldPath)
	if err != nil {
		return fmt.Errorf("could not rename %q: %v; the file was left as it is", oldName, err)
	}
	renamed, err := renameInText(oldPath, text, newName)
	if err != nil {
		sc, perr := ParseScenario(oldPath, text, m)
		if perr != nil {
			return fmt.Errorf("could not rename %q: %v; the file was left as it is", oldName, perr)
		}
		sc.Name = newName
		if renamed, err = EncodeScenario(m, sc); err != nil {
			return fmt.Errorf("could not rename %q: %v; the file was left as it is", oldName, err)
		}
	}
	// The new name's file must still be free (create-only), unless it is
	// the old file itself; either way it keeps the old file's mode.
	err = s.write(newPath, renamed, oldInfo.Mode().Perm(), newPath != oldPath)
	if err != nil && !errors.As(err, new(*atomicfile.DirSyncError)) {
		return fmt.Errorf("could not rename %q to %q: %w; the file was left as it is", oldName, newName, err)
	}
	if newPath != oldPath {
		if err := os.Remove(oldPath); err != nil {
			return fmt.Errorf("renamed %q to %q in %s, but the old file %s could not be removed: %w", oldName, newName, newPath, oldPath, tomlfile.UnwrapPathError(err))
		}
	}
	return atomicfile.SyncDir(s.Dir)
}

// renameInText replaces the name line of a scenario file and checks that
// nothing else changed; it fails (and the caller rewrites the whole file)
// when the name is written in a way one line cannot hold.
func renameInText(file string, text []byte, newName string) ([]byte, error) {
	before, lines, err := decodeScenario(file, text)
	if err != nil {
		return nil, err
	}
	line := lines["name"]
	all := strings.SplitAfter(string(text), "\n")
	if line < 1 || line > len(all) {
		return nil, errors.New("no name line")
	}
	eol := ""
	if strings.HasSuffix(all[line-1], "\r\n") {
		eol = "\r\n"
	} else if strings.HasSuffix(all[line-1], "\n") {
		eol = "\n"
	}
	all[line-1] = "name = " + tomlString(newName) + eol
	out := []byte(strings.Join(all, ""))
	after, _, err := decodeScenario(file, out)
	if err != nil || *after.Name != newName {
		return nil, errors.New("the name line could not be replaced alone")
	}
	after.Name, before.Name = nil, nil
	if !reflect.DeepEqual(before, after) {
		return nil, errors.New("replacing the name line changed more than the name")
	}
	return out, nil
}

// Delete removes a saved scenario, given its name or the path List gave
// for it (which must be in the store's directory). It is how a user clears
// away a file sizeup cannot read; sizeup never removes one by itself.
func (s Store) Delete(nameOrPath string) error {
	arg := strings.TrimSpace(nameOrPath)
	var path string
	if strings.ContainsAny(arg, "/"+string(filepath.Separator)) {
		dir, err1 := filepath.Abs(s.Dir)
		abs, err2 := filepath.Abs(arg)
		if s.Dir == "" || err1 != nil || err2 != nil || filepath.Dir(abs) != dir || !scenarioFileName(filepath.Base(abs)) {
			return fmt.Errorf("could not delete %s: only scenario files in %s can be deleted", arg, s.Dir)
		}
		path = abs
	} else {
		p, err := s.find(arg)
		if err != nil {
			return err
		}
		path = p
	}
	defer lockFiles(path)()
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("could not delete %s: %w", path, tomlfile.UnwrapPathError(err))
	}
	return atomicfile.SyncDir(s.Dir)
}

// fileLocks holds one mutex per scenario file, for the whole process: a
// Store is a plain value that callers copy, so the locks cannot live in it.
var fileLocks sync.Map // absolute path → *sync.Mutex

// lockFiles locks the given files, in a fixed order so that two callers
// locking the same pair cannot deadlock, and returns the unlock.
func lockFiles(paths ...string) func() {
	keys := make([]string, 0, len(paths))
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		keys = append(keys, filepath.Clean(p))
	}
	sort.Strings(keys)
	var held []*sync.Mutex
	for i, k := range keys {
		if i > 0 && k == keys[i-1] {
			continue
		}
		mu, _ := fileLocks.LoadOrStore(k, new(sync.Mutex))
		mu.(*sync.Mutex).Lock()
		held = append(held, mu.(*sync.Mutex))
	}
	return func() {
		for i := len(held) - 1; i >= 0; i-- {
			held[i].Unlock()
		}
	}
}
