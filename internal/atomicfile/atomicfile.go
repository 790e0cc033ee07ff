// Package atomicfile writes output files the way sizeup promises
// (DESIGN.md §8): whole or not at all (a temporary file in the same folder,
// synced, then renamed or linked into place), never over a special file, a
// folder or a symbolic link, keeping an existing file's permissions and
// honouring the umask for a new one, and, when asked, never over any
// existing file at all.
//
// Symbolic links are refused, not written through: replacing the link
// would break it and writing through it would write somewhere the user did
// not name, so the error says to give the target's own path.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
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
	// or scenario folder is made on first use. Without it a missing folder
	// is an error naming it, and nothing is created.
	MakeDir bool
	// NoClobber refuses to replace an existing file: the error wraps
	// fs.ErrExist. The check and the write are one step (a hard link of
	// the finished temporary file), so two writers racing for one name
	// cannot both win.
	NoClobber bool
}

// Write writes path through write. On any failure the temporary file is
// removed and whatever was at path is left as it was.
func Write(path string, opt Options, write func(io.Writer) error) (err error) {
	if path == "" {
		return errors.New("no file name given")
	}
	if strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return fmt.Errorf("%s names a folder; give a file name, such as %s", path, filepath.Join(path, "chart.png"))
	}
	dir := filepath.Dir(path)
	if err := checkDir(dir, opt.MakeDir); err != nil {
		return err
	}
	perm, existed, err := Check(path)
	if err != nil {
		return err
	}
	if existed && opt.NoClobber {
		return fmt.Errorf("%s already exists and was kept: %w", path, fs.ErrExist)
	}
	f, tmp, err := createTemp(dir, filepath.Base(path))
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, unwrap(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if existed && runtime.GOOS != "windows" {
		// The umask may have taken bits the old file had: give them back.
		if err = f.Chmod(perm); err != nil {
			return fmt.Errorf("writing %s: %w", path, unwrap(err))
		}
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
	}
	if opt.NoClobber {
		return linkNew(tmp, path)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
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
		return fmt.Errorf("writing %s: %w", path, unwrap(err))
	}
	return nil
}

// Check says whether path may be replaced by a regular file: it may be
// missing (existed false) or a regular file (existed true, perm its
// permission bits). A folder, a symbolic link, a device, a FIFO or a
// socket is refused with a sentence saying what it is.
func Check(path string) (perm fs.FileMode, existed bool, err error) {
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
		return 0, true, fmt.Errorf("%s is a folder; give a file name inside it, such as %s", path, filepath.Join(path, "chart.png"))
	default:
		return 0, true, fmt.Errorf("%s is %s, not a regular file; sizeup writes only regular files, so give another path", path, special(mode))
	}
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
		return fmt.Errorf("the folder %s does not exist; sizeup does not create folders for -o, so create it first or give another path", dir)
	}
	return fmt.Errorf("cannot write in %s: %w", dir, unwrap(err))
}

// TempPrefix and TempSuffix frame a temporary file's name:
// ".<name>-<random>.tmp", hidden and recognisable, so a crash's leftovers
// can be told from anything else.
const (
	TempPrefix = "."
	TempSuffix = ".tmp"
)

// createTemp makes a new, empty file beside the target, with permissions
// 0666 less the umask (the kernel applies it), as any new file gets.
func createTemp(dir, base string) (*os.File, string, error) {
	var err error
	for range 100 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(dir, TempPrefix+base+"-"+hex.EncodeToString(b[:])+TempSuffix)
		var f *os.File
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NONBLOCK, 0o666)
		if err == nil {
			return f, name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, "", err
		}
	}
	return nil, "", err
}

// IsTemp reports whether name (a base name) is one of Write's temporary
// files for some target.
func IsTemp(name string) bool {
	if !strings.HasPrefix(name, TempPrefix) || !strings.HasSuffix(name, TempSuffix) {
		return false
	}
	stem := strings.TrimSuffix(name, TempSuffix)
	i := strings.LastIndexByte(stem, '-')
	if i < 1 || len(stem)-i-1 != 12 {
		return false
	}
	_, err := hex.DecodeString(stem[i+1:])
	return err == nil
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
