package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Signals from outside, end to end: the app run as a job of an interactive
// shell in tmux, so a stop gives the terminal back to the shell and fg
// gives it back to the app. (Run as the pane's only process, a stopped app
// is continued by tmux at once, so there is nothing to see.)

// startInShell starts an interactive bash in tmux, runs sizeup in it as a
// job, waits for the first frame and returns the app's process id.
func startInShell(t *testing.T) (tmux, int) {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	x := startTmuxShell(t)
	x.keys("PS1='prompt$ '", "Enter")
	x.waitFor("prompt$")
	x.keys(binary(t)+" --theme dark", "Enter")
	x.waitFor("Assumptions", "Net revenue")
	return x, appPid(t, x.pid())
}

func startTmuxShell(t *testing.T) tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	x := tmux{t: t, socket: socketPath(t)}
	out, err := x.run("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "-e", "TERM=xterm-256color",
		"-e", "XDG_CONFIG_HOME="+t.TempDir(), "bash --norc --noprofile -i")
	if err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	t.Cleanup(func() { x.run("kill-server") })
	return x
}

// appPid is the child of the shell: the app.
func appPid(t *testing.T, shell int) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile("/proc/" + strconv.Itoa(shell) + "/task/" + strconv.Itoa(shell) + "/children")
		if f := strings.Fields(string(b)); len(f) > 0 {
			pid, _ := strconv.Atoi(f[0])
			return pid
		}
		if time.Now().After(deadline) {
			t.Fatal("the shell started no app")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// flag is a tmux format of the pane: alternate_on, cursor_flag, mouse_button_flag.
func (x tmux) flag(name string) string {
	out, _ := x.run("display", "-p", "-t", "e2e", "#{"+name+"}")
	return strings.TrimSpace(out)
}

// pollFlag waits until the pane's flag is want.
func (x tmux) pollFlag(name, want string) {
	x.t.Helper()
	x.poll(name+" "+want, func(string) bool { return x.flag(name) == want })
}

// stopped reports whether process pid is stopped (state T).
func stopped(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && i+2 < len(s) && s[i+2] == 'T'
}

// sliderLine is the screen's line of the first slider (Internet users).
// sliderLine is the selected slider's row: the first input shown, the
// decision Price, when the app starts.
func sliderLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "▸ Price") {
			return l
		}
	}
	return ""
}

// keyMovesSlider: l moves the selected slider and the screen shows it at
// once, without an Enter (the terminal is raw again and the app reads).
func keyMovesSlider(x tmux) {
	x.t.Helper()
	before := sliderLine(x.waitSteady("▸ Price"))
	x.keys("l")
	x.poll("moved the slider", func(s string) bool { l := sliderLine(s); return l != "" && l != before })
}

// TestE2ESuspendFromOutsideAndResume: kill -TSTP gives the terminal back
// (normal screen, cursor, the shell's prompt); fg redraws the app and a
// key moves a slider at once. Bubble Tea v1.3.10 alone leaves the
// prompt inside the alternate screen, and after fg waits for Enter.
func TestE2ESuspendFromOutsideAndResume(t *testing.T) {
	x, pid := startInShell(t)
	if x.flag("alternate_on") != "1" {
		t.Fatal("the app is not on the alternate screen")
	}
	if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
		t.Fatal(err)
	}
	x.waitFor("Stopped", "prompt$")
	x.pollFlag("alternate_on", "0")
	x.pollFlag("cursor_flag", "1")
	x.pollFlag("mouse_button_flag", "0")
	if !stopped(pid) {
		t.Error("the app is not stopped")
	}

	x.keys("fg", "Enter")
	x.waitFor("Assumptions", "Net revenue")
	x.pollFlag("alternate_on", "1")
	keyMovesSlider(x)
	keyMovesSlider(x)
}

// TestE2EQuitSignalRestoresTheTerminal: kill -QUIT leaves the alternate
// screen, shows the cursor and stops mouse reporting before the goroutine
// dump is printed, and the status is Go's for SIGQUIT, 2.
func TestE2EQuitSignalRestoresTheTerminal(t *testing.T) {
	x, pid := startInShell(t)
	if err := syscall.Kill(pid, syscall.SIGQUIT); err != nil {
		t.Fatal(err)
	}
	x.waitFor("goroutine ", "prompt$")
	x.pollFlag("alternate_on", "0")
	x.pollFlag("cursor_flag", "1")
	x.pollFlag("mouse_button_flag", "0")
	x.keys("echo status=$?", "Enter")
	x.waitFor("status=2")
}

// TestE2ECtrlZSuspendsAndFgResumes: ctrl+z inside the app is the
// terminal's suspend key, as in any terminal program: the shell's prompt
// on the normal screen, the app stopped, and after fg a key moves a
// slider at once.
func TestE2ECtrlZSuspendsAndFgResumes(t *testing.T) {
	x, pid := startInShell(t)
	x.keys("C-z")
	x.waitFor("Stopped", "prompt$")
	x.pollFlag("alternate_on", "0")
	x.pollFlag("cursor_flag", "1")
	if !stopped(pid) {
		t.Error("the app is not stopped")
	}
	x.keys("fg", "Enter")
	x.waitFor("Assumptions", "Net revenue")
	x.pollFlag("alternate_on", "1")
	keyMovesSlider(x)
}
