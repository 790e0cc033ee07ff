package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxUnique bounds the numbered names WriteNewFiles tries.
const maxUnique = 1000

// WriteNewFiles writes a set of files that belong together (a screenshot's
// txt, ansi, svg and png, and its deck chart) into dir, never over an
// existing file. names are the wanted file names; write(i, w) writes the
// i-th. When any of them exists, the whole set moves to the next free
// number, inserted before each extension: "dashboard-base-20261127-114205.png"
// becomes "...-114205-2.png" (and "-3" and so on), the same number for
// every file of the set, so two screenshots in the same second keep both.
// Each file is written atomically and claimed without a race (Write with
// NoClobber), so two writers at once, in one process or two, cannot
// overwrite each other. dir is created if missing.
//
// It returns the paths written, in the order of names. On an error the
// files of the set written so far are removed, and nothing else is touched.
func WriteNewFiles(dir string, names []string, write func(i int, w io.Writer) error) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	for n := 1; n <= maxUnique; n++ {
		paths, taken, err := writeSet(dir, names, n, write)
		if err != nil || !taken {
			return paths, err
		}
	}
	return nil, fmt.Errorf("%s already holds %d files named like %s; move some away", dir, maxUnique, names[0])
}

// writeSet writes the set under number n. taken says a name was already
// there, and then the files it wrote are removed again, as they are on an
// error.
func writeSet(dir string, names []string, n int, write func(i int, w io.Writer) error) (paths []string, taken bool, err error) {
	for i, name := range names {
		path := filepath.Join(dir, numbered(name, n))
		err := Write(path, Options{MakeDir: true, NoClobber: true}, func(w io.Writer) error {
			return write(i, w)
		})
		if errors.Is(err, fs.ErrExist) {
			removeAll(paths) // ours, written a moment ago under a number now partly taken
			return nil, true, nil
		}
		if err != nil {
			removeAll(paths)
			return nil, false, err
		}
		paths = append(paths, path)
	}
	return paths, false, nil
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
