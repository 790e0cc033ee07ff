// Package data holds sizeup's facts and files: the embedded default market,
// the parsing and validation of market files, and scenario storage. It
// imports market and never the UI.
package markets

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"

	"sizeup/data"
	"sizeup/data/internal/scenariotext"
	"sizeup/data/internal/tomlfile"
	"sizeup/market"
	"sizeup/market/formula"
)

// DefaultMarketName is the file name the embedded market is reported under.
const DefaultMarketName = "china-2015.toml (embedded)"

// DefaultMarketSource returns the embedded market file as written.
func DefaultMarketSource() []byte { return data.File(data.ChinaFile) }

// DefaultMarket parses the embedded market. It cannot fail unless the
// binary was built from a broken file, which a test rules out.
func DefaultMarket() (*market.Market, error) {
	return ParseMarket(DefaultMarketName, data.File(data.ChinaFile))
}

// MaxMarketBytes bounds a market file: the China market is 30 KB, so a
// file this big is not a market (or is /dev/zero, or a log).
const MaxMarketBytes = 4 << 20

// LoadMarket reads and validates a market file from disk. Only a regular
// file of at most MaxMarketBytes is read: a folder, a device, a FIFO or a
// socket is refused before it is opened for reading, so nothing blocks or
// reads without end.
func LoadMarket(path string) (*market.Market, error) {
	if path == "" {
		return nil, errors.New("no market file given; give the path of a market file (a .toml file like the embedded china-2015.toml)")
	}
	b, err := tomlfile.ReadRegular(path, MaxMarketBytes, "a market file")
	if err != nil {
		return nil, err
	}
	return ParseMarket(path, b)
}

// The file as written. Pointers tell a missing field from a zero.
type marketFile struct {
	Market struct {
		Name     string        `toml:"name"`
		Title    string        `toml:"title"`
		BaseYear *int          `toml:"base_year"`
		Horizon  *int          `toml:"horizon"`
		Currency *currencyFile `toml:"currency"`
	} `toml:"market"`
	Units   unitsFile     `toml:"units"`
	Input   []inputFile   `toml:"input"`
	Series  []seriesFile  `toml:"series"`
	Outputs outputsFile   `toml:"outputs"`
	Check   []checkFile   `toml:"check"`
	History []historyFile `toml:"history"`
	Fact    []factFile    `toml:"fact"`
	Preset  []presetFile  `toml:"preset"`

	Dimension   []dimensionFile   `toml:"dimension"`
	Table       []tableFile       `toml:"table"`
	Correlation []correlationFile `toml:"correlation"`
}

type currencyFile struct {
	Code   string `toml:"code"`
	Symbol string `toml:"symbol"`
	Rate   string `toml:"rate"`
}

type seriesFile struct {
	Dims    []string `toml:"dims"`
	Total   bool     `toml:"total"`
	ID      string   `toml:"id"`
	Label   string   `toml:"label"`
	Phrase  string   `toml:"phrase"`
	Unit    string   `toml:"unit"`
	Formula string   `toml:"formula"`
}

type outputsFile struct {
	Headline  string     `toml:"headline"`
	Cards     []string   `toml:"cards"`
	Funnel    []string   `toml:"funnel"`
	Chart     []string   `toml:"chart"`
	Uncertain [][]string `toml:"uncertain"`
	Deal      string     `toml:"deal"`
}

type checkFile struct {
	ID   string `toml:"id"`
	When string `toml:"when"`
	Say  string `toml:"say"`
	// Expected: the check holds at the defaults on purpose, for reason Why.
	Expected bool   `toml:"expected"`
	Why      string `toml:"why"`
}

type inputFile struct {
	ID     string   `toml:"id"`
	Was    string   `toml:"was"`
	Stream *uint64  `toml:"stream"`
	Label  string   `toml:"label"`
	Group  string   `toml:"group"`
	Kind   string   `toml:"kind"`
	Unit   string   `toml:"unit"`
	Dims   []string `toml:"dims"`
	// A number, a table of numbers by item (an input with dims), or for
	// kind path the id of a table.
	Default any      `toml:"default"`
	Low     any      `toml:"low"`
	High    any      `toml:"high"`
	Min     *float64 `toml:"min"`
	Max     *float64 `toml:"max"`
	Step    *float64 `toml:"step"`
	Source  string   `toml:"source"`
	Year    int      `toml:"year"`
	URL     string   `toml:"url"`
	Note    string   `toml:"note"`
	// Observed are the values its sources measured, for the sanity check.
	Observed []float64 `toml:"observed"`
	// Dist is how Monte Carlo draws it ("" for its kind's own), Role
	// "decision" for a lever the company sets ("" or "uncertain" else).
	Dist string `toml:"dist"`
	Role string `toml:"role"`
	// Calibrated: chosen so the base run meets what happened; Known: the
	// year its figure was published.
	Calibrated bool `toml:"calibrated"`
	Known      int  `toml:"known"`
}

type historyFile struct {
	ID     string    `toml:"id"`
	Label  string    `toml:"label"`
	Unit   string    `toml:"unit"`
	Years  []int     `toml:"years"`
	Values []float64 `toml:"values"`
	Source string    `toml:"source"`
	URL    string    `toml:"url"`
	Note   string    `toml:"note"`

	// Compare is the series it is judged against in hindsight.
	Compare string `toml:"compare"`
	// Implies is the growth input the rate it implies can be tried as.
	Implies string `toml:"implies"`
	// InSample are the years a calibrated input was fitted to; Known the
	// year the figures were published.
	InSample []int `toml:"in_sample"`
	Known    int   `toml:"known"`
	// Forecast is the probability input an outcome (unit "outcome") is
	// scored against.
	Forecast string `toml:"forecast"`
}

// presetFile is a [[preset]]: a scenario shipped with the market. Its
// [preset.set] table is read like a scenario file's [set].
type presetFile struct {
	Name string         `toml:"name"`
	Note string         `toml:"note"`
	Set  map[string]any `toml:"set"`
	// ExAnte: the preset uses only figures known by the base year.
	ExAnte bool `toml:"ex_ante"`
}

type factFile struct {
	Text   string `toml:"text"`
	Source string `toml:"source"`
	URL    string `toml:"url"`
}

// ParseMarket reads a market file's text. name is used in error messages.
// Every problem is reported as "name:line: field: what is wrong".
func ParseMarket(name string, text []byte) (*market.Market, error) {
	text = bytes.TrimPrefix(text, tomlfile.BOM)
	var f marketFile
	if err := tomlfile.DecodeStrict(name, text, &f); err != nil {
		return nil, err
	}
	if err := refuseTooMany(name, text, &f); err != nil {
		return nil, err
	}
	lines, starts := tomlfile.KeyPlaces(text)
	errAt := func(key, field, format string, args ...any) error {
		return &FileError{File: name, Line: lines[key], Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	m, err := parseHeader(&f, errAt)
	if err != nil {
		return nil, err
	}
	if m.Units, err = parseUnits(&f, errAt); err != nil {
		return nil, err
	}
	names := map[string]string{} // id → what it is, for duplicates
	if err := parseDimensions(m, f.Dimension, names, errAt); err != nil {
		return nil, err
	}
	if err := parseTables(m, f.Table, lines, names, errAt); err != nil {
		return nil, err
	}
	if err := parseInputs(m, f.Input, lines, names, errAt); err != nil {
		return nil, err
	}
	if err := parseModel(name, m, &f, lines, starts, names, errAt); err != nil {
		return nil, err
	}
	if err := parseCorrelations(m, f.Correlation, lines, errAt); err != nil {
		return nil, err
	}
	if err := parseHistory(m, f.History, errAt); err != nil {
		return nil, err
	}
	if err := parseFacts(m, f.Fact, errAt); err != nil {
		return nil, err
	}
	presets, err := parsePresets(m, f.Preset, lines, errAt)
	if err != nil {
		return nil, err
	}
	m.Presets = presets
	return m, nil
}

// maxPresets, maxFacts and maxHistories bound the other arrays of tables
// (the China market has 4, 5 and 6): past them a file is not a market, and
// reading 100,000 presets took a second.
const (
	maxPresets   = 100
	maxFacts     = 200
	maxHistories = 100
)

// refuseTooMany refuses a file with more inputs, series, checks, presets,
// facts or histories than a market has, before the place of every key is worked out: a file of
// 10,000 series is refused as soon as it is decoded.
func refuseTooMany(name string, text []byte, f *marketFile) error {
	for _, c := range []struct {
		table, what string
		n, max      int
	}{
		{"input", "inputs", len(f.Input), market.MaxInputs}, {"series", "series", len(f.Series), maxSeries}, {"check", "checks", len(f.Check), maxChecks},
		{"preset", "presets", len(f.Preset), maxPresets}, {"fact", "facts", len(f.Fact), maxFacts}, {"history", "histories", len(f.History), maxHistories},
	} {
		if c.n > c.max {
			line := tomlfile.ArrayTableLine(text, c.table, c.max)
			return &FileError{File: name, Line: line, Field: c.table, Msg: fmt.Sprintf("%d %s; a market has at most %d", c.n, c.what, c.max)}
		}
	}
	return nil
}

// keyError reports a problem at a key of the file (its line) in a field.
type keyError = func(key, field, format string, args ...any) error

// parseHeader reads [market]: the name, title, base year and horizon.
func parseHeader(f *marketFile, errAt keyError) (*market.Market, error) {
	f.Market.Name, f.Market.Title = cleanText(f.Market.Name, false), cleanText(f.Market.Title, false)
	m := &market.Market{Name: f.Market.Name, Title: f.Market.Title}
	switch {
	case strings.TrimSpace(f.Market.Name) == "":
		return nil, errAt("market.name", "market.name", "missing; give the market a name")
	case f.Market.BaseYear == nil:
		return nil, errAt("market", "market.base_year", "missing; give the base year, e.g. 2015")
	case *f.Market.BaseYear < 1900 || *f.Market.BaseYear > 2200:
		return nil, errAt("market.base_year", "market.base_year", "%d is not a plausible base year (1900 to 2200)", *f.Market.BaseYear)
	case f.Market.Horizon == nil:
		return nil, errAt("market", "market.horizon", "missing; give the number of years to project, e.g. 10")
	case *f.Market.Horizon < 1 || *f.Market.Horizon > 50:
		return nil, errAt("market.horizon", "market.horizon", "%d years is not accepted; give 1 to 50", *f.Market.Horizon)
	}
	m.BaseYear, m.Horizon = *f.Market.BaseYear, *f.Market.Horizon
	return m, nil
}

// parseInputs reads the [[input]] tables into m, in file order, noting
// each id in names.
func parseInputs(m *market.Market, files []inputFile, lines map[string]int, names map[string]string, errAt keyError) error {
	if len(files) > market.MaxInputs {
		return errAt(fmt.Sprintf("input.%d", market.MaxInputs), "input", "%d inputs; a market has at most %d", len(files), market.MaxInputs)
	}
	for i, in := range files {
		key := fmt.Sprintf("input.%d", i)
		if err := checkID(in.ID, "input", names, func(format string, args ...any) error {
			return errAt(key+".id", "input.id", format, args...)
		}); err != nil {
			return err
		}
		names[in.ID] = "an input"
		fail := func(field, format string, args ...any) error {
			k := key + "." + field
			if _, ok := lines[k]; !ok {
				k = key
			}
			return errAt(k, in.ID+"."+field, format, args...)
		}
		if err := parseInputItems(m, in, fail); err != nil {
			return err
		}
	}
	if len(m.Inputs) > market.MaxInputs {
		return errAt("input", "input", "%d inputs counting each item; a market has at most %d", len(m.Inputs), market.MaxInputs)
	}
	return nil
}

// foldName is a name as strings.EqualFold compares it: each letter
// folded to the smallest of its case-equivalents.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

// parseHistory reads the [[history]] tables: what was measured, year by
// year, for the hindsight view.
func parseHistory(m *market.Market, files []historyFile, errAt keyError) error {
	for i, h := range files {
		key := fmt.Sprintf("history.%d", i)
		if h.ID == "" {
			return errAt(key, "history.id", "missing; every [[history]] needs an id")
		}
		h.ID, h.Label, h.Unit = cleanText(h.ID, false), cleanText(h.Label, false), cleanText(h.Unit, false)
		h.Source, h.URL, h.Note = cleanText(h.Source, false), cleanText(h.URL, false), cleanText(h.Note, true)
		if err := checkHistoryValues(h, key, errAt); err != nil {
			return err
		}
		if h.Compare != "" {
			o, ok := m.LookupOutput(h.Compare)
			if !ok {
				return errAt(key+".compare", h.ID+".compare", "%s", market.UnknownName(h.Compare, "a series", m.SeriesNames()))
			}
			h.Compare = m.Series[o].ID
		}
		if h.Unit == "cny_per_usd" {
			h.Unit = market.RateUnit
		}
		if h.Implies != "" {
			id, ok := m.LookupInput(h.Implies)
			if !ok || m.Inputs[id].Kind != market.KindGrowth {
				return errAt(key+".implies", h.ID+".implies", "%q is not a growth input; give the id of an input of kind growth", h.Implies)
			}
		}
		if err := checkInSample(m, h, key, errAt); err != nil {
			return err
		}
		if err := checkOutcome(m, h, key, errAt); err != nil {
			return err
		}
		m.History = append(m.History, market.Series{ID: h.ID, Label: h.Label, Unit: h.Unit, Compare: h.Compare, Implies: h.Implies, Years: h.Years, Values: h.Values, Source: h.Source, URL: h.URL, Note: h.Note,
			InSample: h.InSample, Known: h.Known, Forecast: h.Forecast})
	}
	return nil
}

// checkOutcome checks an outcome: unit "outcome" and a forecast go
// together, the forecast is a probability input, each value is 1 (it
// happened) or 0 (it did not), and nothing is compared.
func checkOutcome(m *market.Market, h historyFile, key string, errAt keyError) error {
	isOutcome := h.Unit == market.OutcomeUnit
	switch {
	case !isOutcome && h.Forecast != "":
		return errAt(key+".forecast", h.ID+".forecast", "only a history of unit \"outcome\" has a forecast; give unit = \"outcome\" and values 1 (it happened) or 0 (it did not), or drop forecast")
	case !isOutcome:
		return nil
	case h.Forecast == "":
		return errAt(key+".unit", h.ID+".forecast", "missing; an outcome needs forecast = the probability input that forecast it")
	case h.Compare != "":
		return errAt(key+".compare", h.ID+".compare", "an outcome is scored against its forecast, not compared with a series; drop compare")
	}
	if id, ok := m.LookupInput(h.Forecast); !ok || m.Inputs[id].Kind != market.KindProbability {
		return errAt(key+".forecast", h.ID+".forecast", "%q is not a probability input; give the id of an input of kind probability", h.Forecast)
	}
	for _, v := range h.Values {
		if v != 0 && v != 1 {
			return errAt(key+".values", h.ID+".values", "%v is not an outcome; give 1 (it happened) or 0 (it did not)", v)
		}
	}
	return nil
}

// checkInSample checks a history's in_sample and known: in-sample years
// are years of the history, named only where an input is calibrated,
// and known is a plausible year.
func checkInSample(m *market.Market, h historyFile, key string, errAt keyError) error {
	if h.Known != 0 && (h.Known < 1900 || h.Known > 2200) {
		return errAt(key+".known", h.ID+".known", "%d is not a plausible year; give the year the figures were published (1900 to 2200)", h.Known)
	}
	if len(h.InSample) == 0 {
		return nil
	}
	if !m.HasCalibrated() {
		return errAt(key+".in_sample", h.ID+".in_sample", "names years a calibrated input was fitted to, but no input says calibrated = true; mark the inputs chosen to meet these figures, or drop in_sample")
	}
	for _, y := range h.InSample {
		found := false
		for _, hy := range h.Years {
			found = found || hy == y
		}
		if !found {
			return errAt(key+".in_sample", h.ID+".in_sample", "%d is not one of this history's years (%s); in_sample lists years it has a figure for", y, market.YearSpan(h.Years))
		}
	}
	return nil
}

// checkHistoryValues checks a history's years and values: one value a
// year, years rising and plausible, values finite and bounded.
func checkHistoryValues(h historyFile, key string, errAt keyError) error {
	if len(h.Years) != len(h.Values) {
		return errAt(key+".values", h.ID+".values", "%d values for %d years; give one value per year", len(h.Values), len(h.Years))
	}
	for j := 1; j < len(h.Years); j++ {
		if h.Years[j] <= h.Years[j-1] {
			return errAt(key+".years", h.ID+".years", "years must rise: %d comes after %d", h.Years[j], h.Years[j-1])
		}
	}
	for j, v := range h.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > maxHistoryValue {
			return errAt(key+".values", h.ID+".values", "value %d (%v) is not accepted; a history value is a finite number up to 1e18 in size", j+1, v)
		}
	}
	for _, y := range h.Years {
		if y < 1900 || y > 2200 {
			return errAt(key+".years", h.ID+".years", "%d is not a plausible year (1900 to 2200)", y)
		}
	}
	return nil
}

// parseFacts reads the [[fact]] tables shown beside the sources.
func parseFacts(m *market.Market, files []factFile, errAt keyError) error {
	for i, fact := range files {
		fact.Text, fact.Source, fact.URL = cleanText(fact.Text, true), cleanText(fact.Source, false), cleanText(fact.URL, false)
		if strings.TrimSpace(fact.Text) == "" {
			return errAt(fmt.Sprintf("fact.%d", i), "fact.text", "missing; a [[fact]] needs its text")
		}
		m.Facts = append(m.Facts, market.Fact{Text: fact.Text, Source: fact.Source, URL: fact.URL})
	}
	return nil
}

// checkExAnte refuses an ex-ante preset that leaves an input at a default
// known only after the base year, or chosen with hindsight (calibrated):
// such a preset must set that input to a figure known by then.
func checkExAnte(m *market.Market, settings []market.Setting) error {
	set := map[market.ID]bool{}
	for _, s := range settings {
		set[s.ID] = true
	}
	for i := range m.Inputs {
		in := &m.Inputs[i]
		if set[in.ID] {
			continue
		}
		switch {
		case in.Known > m.BaseYear:
			return fmt.Errorf("uses only figures known by %d, but leaves %s at its default, published in %d; set %s to a figure known by %d, or drop ex_ante", m.BaseYear, in.Name, in.Known, in.Name, m.BaseYear)
		case in.Calibrated:
			return fmt.Errorf("uses only figures known by %d, but leaves %s at its default, chosen to meet what happened later (calibrated); set %s to a figure known by %d, or drop ex_ante", m.BaseYear, in.Name, in.Name, m.BaseYear)
		}
	}
	return nil
}

// baseName is the preset that is the market's defaults, unchanged.
const baseName = "Base"

// parsePresets reads the [[preset]] tables. Base, the defaults, always
// comes first: from the file if it has one, otherwise added.
func parsePresets(m *market.Market, files []presetFile, lines map[string]int, errAt func(key, field, format string, args ...any) error) ([]market.Scenario, error) {
	var presets []market.Scenario
	hasBase := false
	seen := map[string]bool{}
	for i, p := range files {
		key := fmt.Sprintf("preset.%d", i)
		name := scenariotext.NormalizeName(p.Name)
		if name == "" {
			return nil, errAt(key, "preset.name", "missing; every [[preset]] needs a name")
		}
		field := fmt.Sprintf("preset %q", name)
		if err := scenariotext.ValidName(name); err != nil {
			return nil, errAt(key+".name", "preset.name", "%s", err)
		}
		if seen[foldName(name)] { // a map, not a search of those before: 100,000 presets are read in one pass
			return nil, errAt(key+".name", "preset.name", "%q is given twice", name)
		}
		seen[foldName(name)] = true
		if msg := scenariotext.PlainText(p.Note, true); msg != "" {
			return nil, errAt(key+".note", field+" note", "%s", msg)
		}
		settings, err := scenariotext.ParseSettings(m, p.Set, lines, key+".set", field+" set.", func(k, f, msg string) error {
			return errAt(k, f, "%s", msg)
		})
		if err != nil {
			return nil, err
		}
		if p.ExAnte {
			if err := checkExAnte(m, settings); err != nil {
				return nil, errAt(key+".ex_ante", field+" ex_ante", "%s", err)
			}
		}
		sc := market.Scenario{Name: name, Market: m.Name, Note: strings.TrimSpace(p.Note), Settings: settings}
		if strings.EqualFold(name, baseName) {
			if len(settings) > 0 {
				return nil, errAt(key+".set", field+" set", "Base is the market's defaults and sets nothing; change the inputs' defaults instead, or give this preset another name")
			}
			hasBase = true
			presets = append([]market.Scenario{sc}, presets...)
			continue
		}
		presets = append(presets, sc)
	}
	if !hasBase {
		presets = append([]market.Scenario{{Name: baseName, Market: m.Name, Note: "The market's defaults, unchanged."}}, presets...)
	}
	return presets, nil
}

type fieldError func(field, format string, args ...any) error

// parseInput reads one [[input]]. The file gives the text and the numbers;
// whether they make an input is the model's rule (market.Input.Validate),
// whose complaint is reported at the field's line.
func parseInput(id market.ID, f inputFile, sys *formula.Units, errAt fieldError) (market.Input, error) {
	in, err := parseInputText(id, f, errAt)
	if err != nil {
		return in, err
	}
	if in.Kind, err = parseKind(f, errAt); err != nil {
		return in, err
	}
	if f.Unit == "" {
		return in, errAt("unit", "missing; %s", sys.Accepted())
	}
	if in.Unit, in.UnitLabel, in.Measure, err = parseUnit(f.Unit, sys); err != nil {
		return in, errAt("unit", "%s", err)
	}
	in.UnitName = strings.TrimSpace(f.Unit)
	// A missing number is NaN to Validate, which checks them in file order
	// after the kind and unit, so the first problem is the one reported.
	missing := map[string]bool{}
	for _, n := range []struct {
		name string
		p    any
		dst  *float64
	}{{"default", f.Default, &in.Default}, {"low", f.Low, &in.Low}, {"high", f.High, &in.High},
		{"min", f.Min, &in.Min}, {"max", f.Max, &in.Max}, {"step", f.Step, &in.Step}} {
		*n.dst = math.NaN()
		if p, ok := n.p.(*float64); ok && p != nil {
			*n.dst = *p
			continue
		}
		if v, ok := number(n.p); ok {
			*n.dst = v
			continue
		}
		if n.p == nil || n.p == (*float64)(nil) {
			missing[n.name] = true
			continue
		}
		return in, errAt(n.name, "is %s but should be a number", describeValue(n.p))
	}
	in.Observed = f.Observed
	if in.Dist, in.Role, err = parseDistRole(f, errAt); err != nil {
		return in, err
	}
	in.Calibrated = f.Calibrated
	if f.Known != 0 && (f.Known < 1900 || f.Known > 2200) {
		return in, errAt("known", "%d is not a plausible year; give the year the figure was published (1900 to 2200)", f.Known)
	}
	in.Known = f.Known
	var ie *market.InputError
	switch err := in.Validate(); {
	case err == nil:
		return in, nil
	case !errors.As(err, &ie):
		return in, err
	case missing[ie.Field]:
		return in, errAt(ie.Field, "missing; every input needs default, low, high, min, max and step")
	default:
		return in, errAt(ie.Field, "%s", ie.Msg)
	}
}

// parseInputText cleans an input's text for the terminal and checks that
// it has a label and a group.
func parseInputText(id market.ID, f inputFile, errAt fieldError) (market.Input, error) {
	f.Label, f.Group, f.Source = cleanText(f.Label, false), cleanText(f.Group, false), cleanText(f.Source, false)
	f.URL, f.Note = cleanText(f.URL, false), cleanText(f.Note, true)
	in := market.Input{ID: id, Label: f.Label, Group: f.Group, Source: f.Source, SourceYear: f.Year, URL: f.URL, Note: f.Note}
	if strings.TrimSpace(f.Label) == "" {
		return in, errAt("label", "missing; give the input a label people read")
	}
	if strings.TrimSpace(f.Group) == "" {
		return in, errAt("group", "missing; give the group it is shown under")
	}
	return in, nil
}

// parseDistRole reads how an input is drawn and its role; whether the
// dist suits the kind is Validate's to say.
func parseDistRole(f inputFile, errAt fieldError) (market.Dist, market.Role, error) {
	dist, ok := market.ParseDist(strings.TrimSpace(f.Dist))
	if !ok {
		return dist, 0, errAt("dist", "%s (or leave dist out for the kind's own)", market.UnknownName(f.Dist, "a dist", market.DistNames()))
	}
	role, ok := market.ParseRole(strings.TrimSpace(f.Role))
	if !ok {
		return dist, role, errAt("role", "%s", market.UnknownName(f.Role, "a role", market.RoleNames()))
	}
	return dist, role, nil
}

// parseKind reads an input's kind by name; whether it agrees with the
// unit is Validate's to say.
func parseKind(f inputFile, errAt fieldError) (market.Kind, error) {
	kind, ok := market.ParseKind(f.Kind)
	switch {
	case f.Kind == "":
		return kind, errAt("kind", "missing; the kinds are %s", strings.Join(market.KindNames(), ", "))
	case !ok:
		return kind, errAt("kind", "%q is not a kind; the kinds are %s", f.Kind, strings.Join(market.KindNames(), ", "))
	}
	return kind, nil
}
