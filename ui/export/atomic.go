package export

import (
	"io"

	"sizeup/internal/atomicfile"
)

// WriteOutput writes a file the user named (render -o) atomically; a
// missing folder is an error naming it, and nothing is created. It only
// forwards to atomicfile.Write, for the caller that still uses it.
func WriteOutput(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, atomicfile.Options{}, write)
}
