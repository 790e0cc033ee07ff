//go:build !unix

package atomicfile

import "io/fs"

// ReadOnly reports whether the file's permission bits deny writing it.
func ReadOnly(info fs.FileInfo) bool { return info.Mode().Perm()&0o222 == 0 }
