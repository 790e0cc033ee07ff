package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sizeup/internal/atomicfile"
)

// WriteFileAtomic writes a file through write so that it is either all
// there or not there at all: into a temporary file in the same folder,
// synced, then renamed over path. On any error the temporary file is
// removed and whatever was at path before is left as it was. A missing
// folder is created (the screenshots folder is made on first use).
//
// It never replaces a folder, a device, a FIFO, a socket or a symbolic
// link (links are refused, not written through: the error says to give the
// file's own path); an existing file keeps its permissions and a new one
// gets 0666 less the umask.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, atomicfile.Options{MakeDir: true}, write)
}

// WriteOutput is WriteFileAtomic for a path the user named (render -o): a
// missing folder is an error naming it, and nothing is created.
func WriteOutput(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, atomicfile.Options{}, write)
}

// maxUnique bounds the numbered names WriteNewFiles tries.
const maxUnique = 1000

// WriteNewFiles writes a set of files that belong together (a screenshot's
// txt, ansi, svg and png, and its deck chart) into dir, never over an
// existing file. names are the wanted file names; write(i, w) writes the
// i-th. When any of them exists, the whole set moves to the next free
// number, inserted before each extension: "dashboard-base-20261127-114205.png"
// becomes "...-114205-2.png" (and "-3" and so on), the same number for
// every file of the set, so two screenshots in the same second keep both.
// Each file is written atomically and claimed without a race (a hard link
// that fails if the name is taken), so two writers at once, in one process
// or two, cannot overwrite each other. dir is created if missing.
//
// It returns the paths written, in the order of names. On an error the
// files of the set written so far are removed, and nothing else is touched.
func WriteNewFiles(dir string, names []string, write func(i int, w io.Writer) error) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	for n := 1; n <= maxUnique; n++ {
		paths := make([]string, 0, len(names))
		taken := false
		for i, name := range names {
			path := filepath.Join(dir, numbered(name, n))
			err := atomicfile.Write(path, atomicfile.Options{MakeDir: true, NoClobber: true}, func(w io.Writer) error {
				return write(i, w)
			})
			if errors.Is(err, fs.ErrExist) {
				taken = true
				break
			}
			if err != nil {
				removeAll(paths)
				return nil, err
			}
			paths = append(paths, path)
		}
		if !taken {
			return paths, nil
		}
		removeAll(paths) // ours, written a moment ago under a number now partly taken
	}
	return nil, fmt.Errorf("%s already holds %d files named like %s; move some away", dir, maxUnique, names[0])
}

// numbered puts "-n" before a name's extension; n = 1 is the name itself.
func numbered(name string, n int) string {
	if n == 1 {
		return name
	}
	ext := filepath.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(n) + ext
}

func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}
