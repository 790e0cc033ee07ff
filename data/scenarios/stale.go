package scenarios

import (
	"fmt"
	"time"

	"sizeup/internal/atomicfile"
)

// staleAfter is how old a temporary file must be before it is taken for a
// crash's leftover: a save takes milliseconds, and a fresh one may belong
// to a save in progress in another sizeup.
const staleAfter = time.Hour

// RemoveStaleTemps removes the temporary files that crashed saves left in
// the store's folder (atomicfile.RemoveStale): regular files named like a
// save's temporary file and last written more than an hour ago. A fresh
// one is left alone (a save may be under way in another window). It
// returns how many it removed; a folder that does not exist holds none.
func (s Store) RemoveStaleTemps() (int, error) {
	if s.Dir == "" {
		return 0, nil
	}
	n, err := atomicfile.RemoveStale(s.Dir, staleAfter)
	if err != nil {
		return 0, fmt.Errorf("scenario folder %s: %w", s.Dir, err)
	}
	return n, nil
}
