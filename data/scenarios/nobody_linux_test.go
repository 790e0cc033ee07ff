package scenarios

import (
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// runAsNobody runs TestSaveIntoAReadOnlyFolder again in a child process as
// the user nobody, for whom dir is read-only: as root, permissions would
// not stop the save.
func runAsNobody(t *testing.T, dir string) {
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Skipf("running as root and there is no user nobody to test a read-only folder as: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	// The test binary sits in a folder only root may enter: copy it out.
	bin := filepath.Join(t.TempDir(), "data.test")
	if err := copyFile(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	// nobody must reach both through the test's temporary folders.
	for _, p := range []string{bin, dir} {
		for d := filepath.Dir(p); d != filepath.Clean(os.TempDir()) && d != filepath.Dir(d); d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command(bin, "-test.run=^TestSaveIntoAReadOnlyFolder$", "-test.v")
	cmd.Env = append(os.Environ(), "SIZEUP_TEST_READONLY_DIR="+dir, "HOME=/nonexistent", "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	t.Logf("as nobody:\n%s", out)
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
