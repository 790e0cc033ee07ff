package cli

import (
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// render -o as another user refuses a root-owned 0600 file in a 0777
// folder, which the folder would let it rename over (it did, as nobody).
// As root the test runs itself again as nobody; as anyone else it makes
// the case it can: a 0600 file is then its own, so it is skipped.
func TestRenderOutRefusesAnotherUsersFile(t *testing.T) {
	if out := os.Getenv("SIZEUP_TEST_OTHERS_FILE"); out != "" {
		code, _, errs := runCmd(t, "render", "--size", "80x24", "--format", "png", "-o", out)
		if code != 1 || !strings.Contains(errs, "is read-only for you (mode 0600)") {
			t.Errorf("-o another user's 0600 file: exit %d, %q", code, errs)
		}
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root, to make a file of another user's and run as nobody")
	}
	u, err := user.Lookup("nobody")
	if err != nil {
		t.Skipf("no user nobody to run as: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	dir := t.TempDir()
	for d := dir; d != filepath.Clean(os.TempDir()) && d != filepath.Dir(d); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "root.png")
	if err := os.WriteFile(out, []byte("kept"), 0o600); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "cli.test")
	if err := copyBinary(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestRenderOutRefusesAnotherUsersFile$", "-test.v")
	cmd.Env = append(os.Environ(), "SIZEUP_TEST_OTHERS_FILE="+out, "HOME=/nonexistent", "XDG_CONFIG_HOME=", "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("as nobody: %v\n%s", err, b)
	}
	if got, _ := os.ReadFile(out); string(got) != "kept" {
		t.Error("the root-owned file was replaced")
	}
}

func copyBinary(from, to string) error {
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
