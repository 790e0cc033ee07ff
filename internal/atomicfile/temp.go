package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// TempPrefix and TempSuffix frame a temporary file's name (TempName):
// hidden, so listings skip it, and recognisable, so a crash's leftovers can
// be told from anything else.
const (
	TempPrefix = "."
	TempSuffix = ".tmp"
)

// TempName is the name of a temporary file for the target base, with tag
// twelve hex digits: ".<base>-<tag>.tmp".
func TempName(base, tag string) string { return TempPrefix + base + "-" + tag + TempSuffix }

// createTemp makes a new, empty file beside the target, with permissions
// 0666 less the umask (the kernel applies it), as any new file gets. It is
// opened non-blocking so that a FIFO planted under the name cannot hang it
// (O_EXCL refuses one anyway).
func createTemp(dir, base string) (*os.File, string, error) {
	var err error
	for range 100 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(dir, TempName(base, hex.EncodeToString(b[:])))
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
// files for some target: ".<base>-<tag>.tmp" with a non-empty base and a
// tag of twelve hex digits (TempName), or of decimal digits, as the
// scenario store named its own before it used this package, so that a
// crash of an older sizeup is cleaned up too.
func IsTemp(name string) bool {
	if !strings.HasPrefix(name, TempPrefix) || !strings.HasSuffix(name, TempSuffix) {
		return false
	}
	stem := strings.TrimSuffix(name, TempSuffix)
	i := strings.LastIndexByte(stem, '-')
	if i <= len(TempPrefix) {
		return false
	}
	tag := stem[i+1:]
	if len(tag) == 12 {
		if _, err := hex.DecodeString(tag); err == nil {
			return true
		}
	}
	return tag != "" && strings.Trim(tag, "0123456789") == ""
}

// RemoveStale removes the temporary files that crashed writes left in dir:
// regular files for which IsTemp holds, last written more than olderThan
// ago. A fresher one is left alone, as it may belong to a write under way
// in another process. It returns how many it removed; a folder that does
// not exist holds none. The error is the bare cause of a folder that
// cannot be read.
func RemoveStale(dir string, olderThan time.Duration) (int, error) {
	des, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, unwrap(err)
	}
	now := time.Now()
	removed := 0
	for _, de := range des {
		if !de.Type().IsRegular() || !IsTemp(de.Name()) {
			continue
		}
		info, err := de.Info()
		if err != nil || now.Sub(info.ModTime()) < olderThan {
			continue
		}
		if os.Remove(filepath.Join(dir, de.Name())) == nil {
			removed++
		}
	}
	return removed, nil
}
