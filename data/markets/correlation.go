package markets

import (
	"errors"
	"fmt"

	"sizeup/market"
)

// correlationFile is a [[correlation]]: two inputs whose draws move
// together, or one input with dims whose items do across a dimension.
type correlationFile struct {
	Between []string `toml:"between"`
	Across  string   `toml:"across"`
	Rank    *float64 `toml:"rank"`
	Source  string   `toml:"source"`
	Year    int      `toml:"year"`
	URL     string   `toml:"url"`
	Note    string   `toml:"note"`
}

// parseCorrelations reads the [[correlation]] tables into m and checks
// them (market.CorrelatedPairs) once the inputs and outputs are known; a
// refusal names the line of the key at fault.
func parseCorrelations(m *market.Market, files []correlationFile, lines map[string]int, errAt keyError) error {
	if len(files) > market.MaxCorrelations {
		return errAt(fmt.Sprintf("correlation.%d", market.MaxCorrelations), "correlation", "%d correlations; a market has at most %d", len(files), market.MaxCorrelations)
	}
	for i, f := range files {
		key := fmt.Sprintf("correlation.%d", i)
		at := func(field string) string {
			if _, ok := lines[key+"."+field]; ok {
				return key + "." + field
			}
			return key
		}
		c := market.Correlation{Across: f.Across, Source: cleanText(f.Source, false), Year: f.Year, URL: cleanText(f.URL, false), Note: cleanText(f.Note, true)}
		want := 2
		if f.Across != "" {
			want = 1
		}
		if len(f.Between) != want {
			return errAt(at("between"), "correlation.between", "%d names; give two inputs, between = [\"price\", \"conversion\"], or one input with dims and across = \"<dimension>\"", len(f.Between))
		}
		copy(c.Between[:], f.Between)
		if f.Rank == nil {
			return errAt(key, "correlation.rank", "missing; give the Spearman rank, from %v to %v, e.g. rank = -0.5", market.MinRank, market.MaxRank)
		}
		c.Rank = *f.Rank
		if f.Year != 0 && (f.Year < 1900 || f.Year > 2200) {
			return errAt(at("year"), "correlation.year", "%d is not a plausible year (1900 to 2200)", f.Year)
		}
		m.Correlations = append(m.Correlations, c)
	}
	_, err := m.CorrelatedPairs()
	var ce *market.CorrelationError
	if !errors.As(err, &ce) {
		return err
	}
	key := fmt.Sprintf("correlation.%d", ce.Index)
	if _, ok := lines[key+"."+ce.Field]; ok {
		key += "." + ce.Field
	}
	msg := ce.Msg
	if ce.Other >= 0 {
		msg += fmt.Sprintf(" (it is first at line %d)", lines[fmt.Sprintf("correlation.%d", ce.Other)])
	}
	return errAt(key, "correlation."+ce.Field, "%s", msg)
}
