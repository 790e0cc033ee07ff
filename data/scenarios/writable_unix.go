//go:build unix

package scenarios

import "syscall"

// writable reports whether this process may create files in dir.
func writable(dir string) bool { return syscall.Access(dir, 2 /* W_OK */) == nil }
