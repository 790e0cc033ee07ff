package markets

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Files of many keys are answered in time that grows with their size, not
// keys × lines: 10,000 series took 62 s to refuse, 200,000 unknown keys 97
// s, 350,000 keys in one table ten minutes, 100,000 presets a minute. The
// bound is loose for a loaded machine; each takes well under a second now.
func TestManyKeysLoadInLinearTime(t *testing.T) {
	base := string(DefaultMarketSource())
	var series, unknown, table, presets strings.Builder
	for i := range 9000 {
		fmt.Fprintf(&series, "[[series]]\nid = \"gen_%d\"\nlabel = \"G\"\nunit = \"people\"\nformula = \"1\"\n", i)
	}
	for i := range 200000 {
		fmt.Fprintf(&unknown, "zz%d = 1\n", i)
	}
	table.WriteString("[[preset]]\nname = \"p\"\n[preset.set]\n")
	for i := range 300000 {
		fmt.Fprintf(&table, "k%07d = 1\n", i)
	}
	for i := range 5000 {
		fmt.Fprintf(&presets, "[[preset]]\nname = \"p%07d\"\n", i)
	}
	facts := strings.Repeat("[[fact]]\ntext = \"x\"\n", 200000)
	years := "[[history]]\nid = \"h\"\nyears = [" + strings.Repeat("2000,", 800000) + "2000]\n"
	cases := []struct{ name, text, want string }{
		{"9000 series", base + series.String(), "a market has at most 200"},
		{"200k unknown keys", strings.Replace(base, "[market]\n", "[market]\n"+unknown.String(), 1), "is not a field sizeup knows"},
		{"300k keys in a table", base + table.String(), "has at most 1000"},
		{"5000 presets", base + presets.String(), "a market has at most 100"},
		{"200k facts", base + facts, "at most 10000 of one kind"},
		{"800k years", base + years, "a list in a sizeup file has at most 10000"},
	}
	for _, c := range cases {
		start := time.Now()
		_, err := ParseMarket("big.toml", []byte(c.text))
		took := time.Since(start)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if took > 2*time.Second {
			t.Errorf("%s (%d KB): %v to answer", c.name, len(c.text)>>10, took)
		}
		t.Logf("%s (%d KB): %v", c.name, len(c.text)>>10, took)
	}
}
