package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sizeup/data/markets"
)

// TestE2EReloadAfterChmodBack: chmod 000 and touch make a reload fail with
// "permission denied"; chmod 644 moves neither the file's time nor its
// size, and the app reloads anyway, as it tries again each second while
// the last reload could not read the file. Root reads a 000 file, so as
// root the app runs as nobody.
func TestE2EReloadAfterChmodBack(t *testing.T) {
	dir, err := os.MkdirTemp("", "sizeup-chmod-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	path := filepath.Join(dir, "mine.toml")
	if err := os.WriteFile(path, markets.Template(), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := binary(t)
	var env []string
	args := []string{"--market", path, "--theme", "dark"}
	if os.Geteuid() == 0 {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("as root this needs setpriv, to run the app as nobody")
		}
		bin = copyBinary(t, bin, filepath.Join(dir, "sizeup"))
		for _, p := range []string{dir, path, bin} {
			os.Chown(p, 65534, 65534)
		}
		args = append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin}, args...)
		bin = setpriv
	}
	env = append(env, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	x := startTmuxCmd(t, env, "120", "40", bin, args...)
	x.waitFor("Assumptions", "My market")

	before, _ := os.Stat(path)
	os.Chmod(path, 0)
	now := time.Now()
	os.Chtimes(path, now, now)
	x.waitFor("mine.toml not reloaded", "permission denied", "⚠ mine.toml broken")

	os.Chmod(path, 0o644)
	after, _ := os.Stat(path)
	if !after.ModTime().Equal(now) || after.Size() != before.Size() {
		t.Fatal("chmod moved the stamp; the test would not tell")
	}
	x.waitFor("Reloaded mine.toml")
	x.waitGoneText("broken")
}

func copyBinary(t *testing.T, from, to string) string {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return to
}

// startTmuxCmd is startTmuxEnv with a program other than sizeup itself
// (setpriv running sizeup).
func startTmuxCmd(t *testing.T, env []string, w, h, prog string, args ...string) tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	x := tmux{t: t, socket: socketPath(t)}
	tmuxArgs := []string{"new-session", "-d", "-s", "e2e", "-x", w, "-y", h, "-e", "TERM=xterm-256color"}
	for _, e := range env {
		tmuxArgs = append(tmuxArgs, "-e", e)
	}
	cmd := "exec " + prog + " " + strings.Join(args, " ")
	if out, err := x.run(append(tmuxArgs, cmd)...); err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	t.Cleanup(func() { x.run("kill-server") })
	return x
}
