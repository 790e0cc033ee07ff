//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// ReadOnly reports whether the file's permission bits deny this process's
// user writing it: the owner's bits for its owner, the group's for a
// member of its group, the others' for anyone else. Root is held to the
// bits too: renaming over a file needs only the folder's permission, so
// the file's own bits are the only sign its owner meant it kept.
func ReadOnly(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	perm := info.Mode().Perm()
	if !ok {
		return perm&0o222 == 0
	}
	uid, gid := os.Getuid(), os.Getgid()
	groups, _ := os.Getgroups()
	switch {
	case int(st.Uid) == uid:
		return perm&0o200 == 0
	case int(st.Gid) == gid || slices.Contains(groups, int(st.Gid)):
		return perm&0o020 == 0
	}
	return perm&0o002 == 0
}
