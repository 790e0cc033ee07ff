//go:build !linux

package scenarios

import "testing"

func runAsNobody(t *testing.T, dir string) {
	t.Skip("running as root, which may write to a read-only folder; the check runs as nobody on Linux only")
}
