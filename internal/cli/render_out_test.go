package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// render -o replaces only what is render's to replace: not a file its
// mode bits keep from this user (a 0444 file was replaced, mode kept), not
// the market or scenario being drawn (-o m.toml overwrote the market with
// a PNG), not an existing file of another format.
func TestRenderOutRefusesFilesItShouldNotReplace(t *testing.T) {
	dir := t.TempDir()
	keep := func(name, text string, perm os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), perm); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, perm)
		return p
	}
	marketPath := filepath.Join(dir, "m.toml")
	if code, _, errs := runCmd(t, "new", marketPath); code != 0 {
		t.Fatal(errs)
	}
	marketText, _ := os.ReadFile(marketPath)
	scenario := keep("s.toml", "name = \"Mine\"\nmarket = \"My market\"\n[set]\n", 0o644)
	readOnly := keep("ro.png", "kept", 0o444)
	other := keep("chart.toml", "kept", 0o644)
	render := []string{"render", "--market", marketPath, "--size", "80x24", "--format", "png", "-o"}
	for _, c := range []struct {
		out, want, text string
	}{
		{readOnly, "is read-only for you (mode 0444)", "kept"},
		{marketPath, "is the market file being drawn", string(marketText)},
		{other, "is not a .png file", "kept"},
	} {
		code, _, errs := runCmd(t, append(render, c.out)...)
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("-o %s: exit %d, %q, want %q", filepath.Base(c.out), code, errs, c.want)
		}
		if got, _ := os.ReadFile(c.out); string(got) != c.text {
			t.Errorf("-o %s was replaced", filepath.Base(c.out))
		}
	}
	code, _, errs := runCmd(t, "render", "--market", marketPath, "--scenario", scenario, "--size", "80x24", "--format", "txt", "-o", scenario)
	if code != 1 || !strings.Contains(errs, "is the scenario file being drawn") {
		t.Errorf("-o the --scenario file: exit %d, %q", code, errs)
	}
	// What render may replace it still replaces: its own earlier chart.
	prev := keep("prev.png", "old", 0o644)
	if code, _, errs := runCmd(t, append(render, prev)...); code != 0 {
		t.Errorf("-o an earlier chart: exit %d, %s", code, errs)
	}
}
