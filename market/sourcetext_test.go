package market

import "testing"

// TestSourceTextNamesTheYearOnce: a source that already names its year
// does not get it again (Sources showed "Business Standard, 21 Feb 2017,
// 2017"); one that names another year, or none, gets its own.
func TestSourceTextNamesTheYearOnce(t *testing.T) {
	for _, c := range []struct {
		source string
		year   int
		want   string
	}{
		{"Business Standard, 21 Feb 2017", 2017, "Business Standard, 21 Feb 2017"},
		{"CNNIC 35th report, Dec 2014", 2015, "CNNIC 35th report, Dec 2014, 2015"},
		{"FRED annual averages", 2016, "FRED annual averages, 2016"},
		{"FRED annual averages", 0, "FRED annual averages"},
		{"", 2016, "assumption"},
	} {
		if got := (Input{Source: c.source, SourceYear: c.year}).SourceText(); got != c.want {
			t.Errorf("%q, %d: %q, want %q", c.source, c.year, got, c.want)
		}
	}
}
