package data

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"time"
)

// A save's temporary file is ".<file stem>-<digits>.tmp" beside the
// scenarios. A crash between its creation and the rename leaves one behind.
var tempName = regexp.MustCompile(`^\..+-[0-9]+\.tmp$`)

// staleAfter is how old a temporary file must be before it is taken for a
// crash's leftover: a save takes milliseconds, and a fresh one may belong
// to a save in progress in another sizeup.
const staleAfter = time.Hour

// createTemp makes a save's temporary file: new (O_EXCL), readable and
// writable as the umask allows (0666 less it, as any new file).
func createTemp(dir, stem string) (*os.File, error) {
	var err error
	for range 100 {
		name := filepath.Join(dir, "."+stem+"-"+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		var f *os.File
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_NONBLOCK, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, err
}

// RemoveStaleTemps removes the temporary files that crashed saves left in
// the store's folder: regular files named like a save's temporary file and
// last written more than an hour ago. A fresh one is left alone (a save may
// be under way in another window). It returns how many it removed; a
// folder that does not exist holds none.
func (s Store) RemoveStaleTemps() (int, error) {
	if s.Dir == "" {
		return 0, nil
	}
	des, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("scenario folder %s: %w", s.Dir, unwrapPathError(err))
	}
	now := time.Now()
	removed := 0
	for _, de := range des {
		if !de.Type().IsRegular() || !tempName.MatchString(de.Name()) {
			continue
		}
		info, err := de.Info()
		if err != nil || now.Sub(info.ModTime()) < staleAfter {
			continue
		}
		if os.Remove(filepath.Join(s.Dir, de.Name())) == nil {
			removed++
		}
	}
	return removed, nil
}
