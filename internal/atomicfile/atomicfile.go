// Package atomicfile writes files the way sizeup promises (DESIGN.md §8):
// whole or not at all (a temporary file in the same folder, synced, then
// renamed or linked into place, and the folder synced after), never over a
// special file, a folder or a symbolic link, keeping an existing file's
// permissions and honouring the umask for a new one, and, when asked, never
// over any existing file at all. It is the only place in sizeup that writes
// a temporary file; a crash's leftovers are named one way (TempName) and
// found and cleaned one way (IsTemp, RemoveStale).
//
// Symbolic links are refused, not written through: replacing the link
// would break it and writing through it would write somewhere the user did
// not name, so the error says to give the target's own path.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// Options say how Write may treat the folder and an existing file.
type Options struct {
	// MakeDir creates a missing folder (and its parents), as a screenshot
	// folder is made on first use. Without it a missing folder is an error
	// naming it, and nothing is created.
	MakeDir bool
	// NoClobber makes the write create-only: it refuses to replace an
	// existing file, and the error wraps fs.ErrExist. The check and the
	// write are one step (a hard link of the finished temporary file), so
	// two writers racing for one name cannot both win.
	NoClobber bool
	// Perm, when not zero, is a new file's permission bits instead of 0666
	// less the umask (a renamed scenario keeps its old file's mode). An
	// existing file always keeps its own.
	Perm fs.FileMode
	// BeforeRename, when set, runs once the temporary file is complete,
	// synced and closed, just before it is put in place. An error from it
	// aborts the write as a crash at that moment would, except that the
	// temporary file is removed. It is how tests stand at that moment.
	BeforeRename func(tmp string) error
	// Example is a file name to suggest when path names a folder
	// ("market.toml"); without it none is suggested.
	Example string
	// RefuseReadOnly refuses to replace an existing file whose permission
	// bits do not let this process's user write it (ReadOnly), as a shell
	// redirection would, rather than renaming over it as the folder allows.
	RefuseReadOnly bool
}

// MissingDirError is a write into a folder that does not exist, when
// Options.MakeDir is not set. It says what is wrong; a caller adds which
// flag or argument carried the path.
type MissingDirError struct{ Dir string }

func (e *MissingDirError) Error() string {
	return "the folder " + e.Dir + " does not exist; sizeup does not create folders"
}
func (e *MissingDirError) Unwrap() error { return fs.ErrNotExist }

// Error is a failure of one step of a write. Its message is the step and
// the path ("writing out.png: no space left on device"); Err is the bare
// cause, for callers that say the path their own way.
type Error struct {
	Op   string // "writing", or "cannot write in" for the folder
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// DirSyncError says the file was written and is in place, but its folder
// could not be flushed to disk, so the rename may not survive a crash yet.
type DirSyncError struct {
	Dir string
	Err error
}

func (e *DirSyncError) Error() string {
	return "the folder " + e.Dir + " could not be flushed to disk: " + e.Err.Error()
}
func (e *DirSyncError) Unwrap() error { return e.Err }

// Write writes path through write. On any failure, a panic in write
// included, the temporary file is removed and whatever was at path is left
// as it was. After the rename the folder is synced; if only that fails the
// error is a *DirSyncError and the new file is in place.
func Write(path string, opt Options, write func(io.Writer) error) error {
	if path == "" {
		return errors.New("no file name given")
	}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return fmt.Errorf("%s names a folder; give a file name%s", path, suggest(path, opt.Example))
	}
	dir := filepath.Dir(path)
	if err := checkDir(dir, opt.MakeDir); err != nil {
		return err
	}
	perm, existed, err := Check(path, opt.Example)
	if err != nil {
		return err
	}
	if existed && opt.RefuseReadOnly {
		if err := RefuseReadOnly(path); err != nil {
			return err
		}
	}
	if existed && opt.NoClobber {
		return fmt.Errorf("%s already exists and was kept: %w", path, fs.ErrExist)
	}
	if !existed {
		perm = opt.Perm
	}
	tmp, err := writeTemp(dir, path, perm, write)
	if err != nil {
		return err
	}
	if err := place(tmp, path, opt); err != nil {
		return err
	}
	if err := SyncDir(dir); err != nil {
		return &DirSyncError{Dir: dir, Err: err}
	}
	return nil
}

// writeTemp writes a complete, synced and closed temporary file beside
// path and returns its name. perm, when not zero, is set on it (the umask
// may have taken bits an existing file had). On any failure, or a panic in
// write, the temporary file is gone.
func writeTemp(dir, path string, perm fs.FileMode, write func(io.Writer) error) (string, error) {
	f, tmp, err := createTemp(dir, filepath.Base(path))
	if err != nil {
		return "", &Error{Op: "cannot write in", Path: dir, Err: unwrap(err)}
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return "", &Error{Op: "writing", Path: path, Err: err}
	}
	if perm != 0 && runtime.GOOS != "windows" {
		if err := f.Chmod(perm); err != nil {
			return "", &Error{Op: "writing", Path: path, Err: unwrap(err)}
		}
	}
	if err := f.Sync(); err != nil {
		return "", &Error{Op: "writing", Path: path, Err: unwrap(err)}
	}
	if err := f.Close(); err != nil {
		return "", &Error{Op: "writing", Path: path, Err: unwrap(err)}
	}
	done = true
	return tmp, nil
}

// place puts the finished tmp at path: renamed over it, or, create-only,
// linked there only if nothing is. tmp is gone afterwards either way.
func place(tmp, path string, opt Options) error {
	if opt.BeforeRename != nil {
		if err := opt.BeforeRename(tmp); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	if opt.NoClobber {
		return linkNew(tmp, path)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return &Error{Op: "writing", Path: path, Err: unwrap(err)}
	}
	return nil
}

// linkNew puts the finished tmp at path only if nothing is there: link,
// then remove tmp. Where hard links are not supported it falls back to a
// check and a rename.
func linkNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		os.Remove(tmp)
		return fmt.Errorf("%s already exists and was kept: %w", path, fs.ErrExist)
	}
	if _, serr := os.Lstat(path); serr == nil {
		os.Remove(tmp)
		return fmt.Errorf("%s already exists and was kept: %w", path, fs.ErrExist)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return &Error{Op: "writing", Path: path, Err: unwrap(err)}
	}
	return nil
}

// SyncDir makes a rename or a removal in dir durable. Windows cannot open a
// folder for syncing and some file systems do not support it; neither is
// an error. The error is the bare cause.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return unwrap(err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, errors.ErrUnsupported) {
		return unwrap(err)
	}
	return nil
}

// Check says whether path may be replaced by a regular file: it may be
// missing (existed false) or a regular file (existed true, perm its
// permission bits). A folder, a symbolic link, a device, a FIFO or a
// socket is refused with a sentence saying what it is.
// example is a file name to suggest inside a folder, "" for none.
func Check(path, example string) (perm fs.FileMode, existed bool, err error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("cannot write %s: %w", path, unwrap(err))
	}
	mode := info.Mode()
	switch {
	case mode.IsRegular():
		return mode.Perm(), true, nil
	case mode&fs.ModeSymlink != 0:
		return 0, true, fmt.Errorf("%s is a symbolic link; sizeup does not write through links, so give the path of the file itself (or remove the link)", path)
	case mode.IsDir():
		return 0, true, fmt.Errorf("%s is a folder; give a file name inside it%s", path, suggest(path, example))
	default:
		return 0, true, fmt.Errorf("%s is %s, not a regular file; sizeup writes only regular files, so give another path", path, special(mode))
	}
}

// suggest is ", such as folder/example", or "" without an example.
func suggest(folder, example string) string {
	if example == "" {
		return ""
	}
	return ", such as " + filepath.Join(folder, example)
}

// RefuseReadOnly refuses an existing file that this process's user may not
// write by its permission bits (ReadOnly), with a sentence saying so. A
// missing file is not refused.
func RefuseReadOnly(path string) error {
	info, err := os.Stat(path)
	if err != nil || !ReadOnly(info) {
		return nil
	}
	return fmt.Errorf("%s is read-only for you (mode %04o); sizeup does not replace a file its permissions protect, so give another path or change its mode first", path, info.Mode().Perm())
}

func special(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// checkDir makes sure dir is a folder, creating it when make is set.
func checkDir(dir string, make bool) error {
	info, err := os.Stat(dir)
	switch {
	case err == nil && info.IsDir():
		return nil
	case err == nil:
		return fmt.Errorf("%s is not a folder, so nothing can be written inside it; give another path", dir)
	case errors.Is(err, fs.ErrNotExist) && make:
		if err := os.MkdirAll(dir, 0o777); err != nil { // the umask decides
			return fmt.Errorf("cannot make the folder %s: %w", dir, unwrap(err))
		}
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return &MissingDirError{Dir: dir}
	}
	return fmt.Errorf("cannot write in %s: %w", dir, unwrap(err))
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
