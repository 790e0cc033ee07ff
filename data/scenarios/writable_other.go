//go:build !unix

package scenarios

// writable cannot be asked cheaply here; a save that fails says why.
func writable(string) bool { return true }
