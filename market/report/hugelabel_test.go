package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"sizeup/market"
)

// A 3.9 MB label, source or series label is cut to a screen's worth before
// a table measures it: the table padded every row to it (22 MB of output
// for the inputs, 23 s in the campaign).
func TestHugeLabelsAreCutBeforeTheTables(t *testing.T) {
	m := china(t)
	huge := strings.Repeat("é漢 ", 1_000_000)
	m.Inputs[0].Label, m.Inputs[1].Source, m.Series[0].Label = huge, huge, huge
	v := m.Defaults()
	var b bytes.Buffer
	if err := InputsTable(&b, m, &v, market.USD); err != nil {
		t.Fatal(err)
	}
	p := m.Evaluate(&v)
	if err := Table(&b, m, &p, market.USD); err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(b.String()) {
		if n := utf8.RuneCountInString(line); n > 6*MaxCell {
			t.Fatalf("a line of %d characters: %.80q…", n, line)
		}
	}
	if !strings.Contains(b.String(), strings.Repeat("é漢 ", 10)) || !strings.Contains(b.String(), "…") {
		t.Error("the label is not shown, cut with …")
	}
	if got := Cell(strings.Repeat("x", MaxCell)); got != strings.Repeat("x", MaxCell) {
		t.Errorf("a cell of MaxCell characters was cut: %q", got)
	}
	if got := Cell(strings.Repeat("漢", MaxCell+1)); utf8.RuneCountInString(got) != MaxCell || !strings.HasSuffix(got, "…") {
		t.Errorf("a cell of MaxCell+1 characters: %d characters", utf8.RuneCountInString(got))
	}
}
