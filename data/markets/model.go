package markets

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"sizeup/data/internal/tomlfile"
	"sizeup/market"
	"sizeup/market/formula"
)

// maxSeries and maxChecks bound a market's model: a file with more is not
// a market model but something else.
const (
	maxSeries = 200
	maxChecks = 100
	// maxSayLen bounds a check's sentence; each {…} in it is a formula and
	// keeps to the formulas' own limits (package formula).
	maxSayLen = 2000
)

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// checkID refuses an id that is not [a-z][a-z0-9_]*, is a word of the
// formula language, or is taken (names maps ids to what they are).
func checkID(id, what string, names map[string]string, fail func(format string, args ...any) error) error {
	switch {
	case id == "":
		return fail("missing; every [[%s]] needs an id", what)
	case !market.ValidName(id):
		if ok, _ := regexp.MatchString(`^[a-z][a-z0-9_]*$`, id); ok {
			return fail("%q is a word of the formula language (t, year, horizon, base_year, and, or, a function); choose another id", id)
		}
		return fail("%s is not an id; use lower-case letters, digits and _, starting with a letter", market.QuoteShort(id))
	case names[id] != "":
		return fail("%q is given twice: it is already %s", id, names[id])
	}
	return nil
}

// clashesWithNumbers reports whether a currency symbol would be taken for
// part of a typed number: it has a digit or a space, is made only of
// . , + - − % _ /, or is (or ends) a scale or unit word ("k", "n" of "bn").
func clashesWithNumbers(symbol string) bool {
	s := strings.ToLower(symbol)
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsSpace(r) }) {
		return true
	}
	if strings.Trim(s, ".,+-−%_/") == "" {
		return true
	}
	for _, w := range market.NumberSuffixes() {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// parseModel reads [market.currency], [[series]], [outputs] and [[check]],
// and compiles the formulas. A formula's error names the file, the line,
// the column, the series and what is wrong.
func parseModel(file string, m *market.Market, f *marketFile, lines map[string]int, starts map[string]tomlfile.StringPlace, names map[string]string, errAt func(key, field, format string, args ...any) error) error {
	if err := parseCurrency(m, f, errAt); err != nil {
		return err
	}
	if len(f.Series) == 0 {
		return &FileError{File: file, Field: "series", Msg: "missing; a market needs [[series]] with formulas (see `sizeup new FILE` for a working example)"}
	}
	if len(f.Series) > maxSeries {
		return errAt(fmt.Sprintf("series.%d", maxSeries), "series", "%d series; a market has at most %d", len(f.Series), maxSeries)
	}
	for i, s := range f.Series {
		key := fmt.Sprintf("series.%d", i)
		if err := checkID(s.ID, "series", names, func(format string, args ...any) error {
			return errAt(key+".id", "series.id", format, args...)
		}); err != nil {
			return err
		}
		names[s.ID] = "a series"
		field := "series " + s.ID
		s.Label = cleanText(s.Label, false)
		if strings.TrimSpace(s.Label) == "" {
			return errAt(key, field+": label", "missing; give the series a label people read")
		}
		if strings.TrimSpace(s.Unit) == "" {
			return errAt(key, field+": unit", "missing; %s", m.Units.Accepted())
		}
		unit, label, measure, err := parseUnit(s.Unit, m.Units)
		if err != nil {
			return errAt(key+".unit", field+": unit", "%s", err)
		}
		if strings.TrimSpace(s.Formula) == "" {
			return errAt(key, field+": formula", "missing; give the formula that computes it, e.g. formula = \"users * video_reach\"")
		}
		dims, _, err := dimsOf(m, s.Dims, func(format string, args ...any) error {
			return errAt(key+".dims", field+": dims", format, args...)
		})
		if err != nil {
			return err
		}
		switch {
		case s.Dims == nil:
			dims = nil // inferred from the formula
		case dims == nil:
			dims = []int{} // declared: none
		}
		m.Series = append(m.Series, market.SeriesDef{ID: s.ID, Label: s.Label, Phrase: cleanText(s.Phrase, false), Unit: unit, Formula: s.Formula, Dims: dims, Total: s.Total,
			UnitName: strings.TrimSpace(s.Unit), Measure: measure, UnitLabel: label})
	}
	// A history compared with sum(x) needs x's total.
	for _, h := range f.History {
		if id, total := market.FlatName(h.Compare); total {
			for i := range m.Series {
				m.Series[i].Total = m.Series[i].Total || m.Series[i].ID == id
			}
		}
	}
	if len(f.Check) > maxChecks {
		return errAt(fmt.Sprintf("check.%d", maxChecks), "check", "%d checks; a market has at most %d", len(f.Check), maxChecks)
	}
	checkIDs := map[string]bool{}
	for i, c := range f.Check {
		key := fmt.Sprintf("check.%d", i)
		c.Say = cleanText(c.Say, false)
		switch {
		case c.ID != "" && checkIDs[c.ID]:
			// A warning is named by its check's id (the app's list, the
			// report): two checks of one id would be one warning.
			return errAt(key+".id", "check.id", "%q is given twice: it is already a check's id", c.ID)
		case strings.TrimSpace(c.When) == "":
			return errAt(key, "check.when", "missing; give the condition as a formula, e.g. when = \"gross_usd > sam_usd\"")
		case strings.TrimSpace(c.Say) == "":
			return errAt(key, "check.say", "missing; give the sentence to show when the check holds")
		case len(c.Say) > maxSayLen:
			return errAt(key+".say", "check.say", "%d characters; a check's sentence has at most %d", len(c.Say), maxSayLen)
		case c.ID != "" && !market.ValidName(c.ID):
			return errAt(key+".id", "check.id", "%s is not an id; use lower-case letters, digits and _", market.QuoteShort(c.ID))
		case c.Expected && strings.TrimSpace(c.Why) == "":
			return errAt(key+".expected", "check.why", "missing; a check with expected = true needs why = \"…\", a sentence saying why it holds at the defaults")
		case !c.Expected && c.Why != "":
			return errAt(key+".why", "check.why", "only a check with expected = true has a why; add expected = true, or drop why")
		case len(c.Why) > maxSayLen:
			return errAt(key+".why", "check.why", "%d characters; a check's why has at most %d", len(c.Why), maxSayLen)
		}
		checkIDs[c.ID] = true
		m.Checks = append(m.Checks, market.Check{ID: c.ID, When: c.When, Say: c.Say, Why: cleanText(strings.TrimSpace(c.Why), false)})
	}
	o := f.Outputs
	m.OutputNames = &market.OutputNames{Headline: o.Headline, Cards: o.Cards, Funnel: o.Funnel, Chart: o.Chart, Uncertain: o.Uncertain, Deal: o.Deal}
	err := m.Compile()
	var fe *formula.Error
	var oe *market.OutputsError
	switch {
	case errors.As(err, &fe):
		return formulaError(file, fe, f, lines, starts)
	case errors.As(err, &oe):
		return errAt(oe.Field, oe.Field, "%s", oe.Msg)
	}
	return err
}

// formulaError places a formula's refusal in the file: the span in the
// decoded formula is mapped through the TOML string's raw text, so escapes
// and multi-line strings keep the column exact.
func formulaError(file string, fe *formula.Error, f *marketFile, lines map[string]int, starts map[string]tomlfile.StringPlace) error {
	var key, decoded string
	switch o := fe.Owner; o.Kind {
	case formula.SeriesFormula:
		key, decoded = fmt.Sprintf("series.%d.formula", o.Index), f.Series[o.Index].Formula
	case formula.CheckWhen:
		key, decoded = fmt.Sprintf("check.%d.when", o.Index), f.Check[o.Index].When
	default:
		key, decoded = fmt.Sprintf("check.%d.say", o.Index), f.Check[o.Index].Say
	}
	e := &FileError{File: file, Line: lines[key], Field: fe.Owner.What() + " " + fe.Owner.ID, Msg: fe.Msg}
	// A sentence that cleaning changed is no longer the file's text: the
	// line is exact, the column is the sentence's own.
	if place, ok := starts[key]; ok && fe.Text == decoded {
		if line, col, ok := place.Position(decoded, fe.Span.Start); ok {
			e.Line, e.Col = line, col
			return e
		}
	}
	e.Msg = fmt.Sprintf("column %d of the formula: %s", fe.Column(), fe.Msg)
	return e
}

func parseCurrency(m *market.Market, f *marketFile, errAt func(key, field, format string, args ...any) error) error {
	c := f.Market.Currency
	if c == nil {
		// A file from before [market.currency]: an input of unit
		// cny_per_usd is the yuan's rate.
		for i := range f.Input {
			if f.Input[i].Unit == "cny_per_usd" {
				c = &currencyFile{Code: "CNY", Symbol: "¥", Rate: f.Input[i].ID}
			}
		}
		if c == nil {
			return nil
		}
	}
	c.Code, c.Symbol = strings.ToUpper(strings.TrimSpace(c.Code)), cleanText(strings.TrimSpace(c.Symbol), false)
	switch {
	case !currencyCode.MatchString(c.Code):
		return errAt("market.currency.code", "market.currency.code", "%s is not a currency code; give three letters such as INR", market.QuoteShort(c.Code))
	case c.Code == "USD":
		return errAt("market.currency.code", "market.currency.code", "USD is the model's own currency; give the second currency, such as INR")
	case c.Symbol == "" || len([]rune(c.Symbol)) > 3:
		return errAt("market.currency.symbol", "market.currency.symbol", "give the currency's sign in one to three characters, such as ₹")
	case clashesWithNumbers(c.Symbol):
		return errAt("market.currency.symbol", "market.currency.symbol", "%s would be read as part of a number (--set price=15, 50m); a symbol may be letters or signs such as ₹, kr or R$, but no digits, spaces, . , + - %% or a scale such as k, m or bn", market.QuoteShort(c.Symbol))
	}
	id, ok := m.LookupInput(c.Rate)
	if !ok || m.Inputs[id].Unit != market.UnitLocalPerUSD {
		return errAt("market.currency.rate", "market.currency.rate", "%s is not an input of unit local_per_usd; give the id of the input that holds %s per USD", market.QuoteShort(c.Rate), c.Code)
	}
	m.Local = market.LocalCurrency{Code: c.Code, Symbol: c.Symbol, Rate: id}
	for i := range m.Inputs {
		m.Inputs[i].Symbol, m.Inputs[i].LocalCode = c.Symbol, c.Code
	}
	return nil
}
