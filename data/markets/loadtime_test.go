package markets

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Files of many keys are answered in time that grows with their size, not
// keys × lines: 10,000 series took 62 s to refuse, 200,000 unknown keys 97
// s, 350,000 keys in one table ten minutes. The bound is loose for a
// loaded machine; each took well under a second once fixed.
func TestManyKeysLoadInLinearTime(t *testing.T) {
	base := string(DefaultMarketSource())
	var series, unknown, table, presets strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&series, "[[series]]\nid = \"gen_%d\"\nlabel = \"G\"\nunit = \"people\"\nformula = \"1\"\n", i)
	}
	for i := range 200000 {
		fmt.Fprintf(&unknown, "zz%d = 1\n", i)
	}
	table.WriteString("[[preset]]\nname = \"p\"\n[preset.set]\n")
	for i := range 300000 {
		fmt.Fprintf(&table, "k%07d = 1\n", i)
	}
	for i := range 60000 {
		fmt.Fprintf(&presets, "[[preset]]\nname = \"p%07d\"\n", i)
	}
	cases := []struct{ name, text, want string }{
		{"10k series", base + series.String(), "a market has at most 200"},
		{"200k unknown keys", strings.Replace(base, "[market]\n", "[market]\n"+unknown.String(), 1), "is not a field sizeup knows"},
		{"300k keys in a table", base + table.String(), "has at most 1000"},
		{"60k presets", base + presets.String(), ""},
	}
	for _, c := range cases {
		start := time.Now()
		_, err := ParseMarket("big.toml", []byte(c.text))
		took := time.Since(start)
		if c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if took > 4*time.Second {
			t.Errorf("%s (%d KB): %v to answer", c.name, len(c.text)>>10, took)
		}
		t.Logf("%s (%d KB): %v", c.name, len(c.text)>>10, took)
	}
}
