// Package scenarios stores scenarios: the Store of scenario files in the
// user's config folder (List, Load, Save, Rename, Delete), each write
// atomic (internal/atomicfile), and the scenario file format itself
// (ParseScenario, EncodeScenario). A scenario is a set of input values
// for one market (market.Scenario). It imports market and never the UI.
package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"sizeup/data/internal/scenariotext"
	"sizeup/data/internal/tomlfile"
	"sizeup/market"
)

// A scenario file is small TOML that a person can read, edit and diff:
//
//	# sizeup scenario: the inputs that differ from the market's defaults.
//	name = "Wasu deal"
//	market = "China online video"
//	note = "All-device partner, slower approvals"
//	saved = 2026-11-27T11:42:05Z
//
//	[set]
//	approval_lag = 9  # 9 mo
//	conversion = 0.03  # 3.0%
//	partner_cut = { value = 0.6, why = "Wasu holds the licence and sets terms" }  # 60%
//
// The values rule, shared with the presets of a market file:
//
//   - a number is in model units: people as people (649_000_000), money in
//     US dollars, shares and growth rates as fractions (0.03 = 3%), years as
//     years, months as months, switches as 0 or 1 (true and false also do);
//   - text in quotes is read exactly as the app reads a typed value, with
//     Input.Parse: "3%", "$2.39", "649M", "¥25" (yuan at the scenario's own
//     fx_cny_per_usd if it sets one, else the market's), "off";
//   - either may be given with a reason: { value = "3%", why = "…" }.
//
// Whatever the form, the value must lie within the input's hard limits
// (min..max). sizeup writes numbers in model units, with the shortest digits
// that read back as exactly the same float64, and a comment showing the value
// as the app shows it; switches are written "on" or "off".
//
// A scenario belongs to one market, named in the file. Opening it over a
// market of another name is an error (errors.Is(err, ErrOtherMarket)): the
// input ids are the same for every market, but a scenario's values (649M
// users, a $6B market) only mean something for the market they were chosen
// for, and loading them silently over another would be misleading.

// ErrOtherMarket marks a scenario file that belongs to another market.
var ErrOtherMarket = errors.New("the scenario belongs to another market")

// FileError locates a problem in a scenario file:
// "file:line: field: what is wrong" (the same type as markets.FileError).
type FileError = tomlfile.FileError

// MaxNameLen is the longest scenario name, in characters.
const MaxNameLen = scenariotext.MaxNameLen

// NormalizeName trims a name and folds each run of white space inside it to
// one space, the form in which names are validated and saved.
func NormalizeName(name string) string { return scenariotext.NormalizeName(name) }

// ValidName checks that name can name a scenario: a name, not a path
// (scenariotext.ValidName says what it refuses). The error is one
// sentence saying what was wrong and what is accepted.
func ValidName(name string) error { return scenariotext.ValidName(name) }

// maxScenarioBytes bounds what is read from a scenario file: a real one is a
// few hundred bytes, so anything this big is not a scenario.
const maxScenarioBytes = 1 << 20

// FileName is the file a scenario of this name is saved in, inside the
// store's directory: "Wasu deal" → "wasu-deal.toml". Names that differ only
// in case or punctuation share a file; the store refuses the second.
func FileName(name string) (string, error) {
	name = scenariotext.NormalizeName(name)
	if err := scenariotext.ValidName(name); err != nil {
		return "", err
	}
	return scenariotext.FileStem(name) + ".toml", nil
}

// The scenario file as written.
type scenarioFile struct {
	Name   *string        `toml:"name"`
	Market *string        `toml:"market"`
	Note   string         `toml:"note"`
	Saved  any            `toml:"saved"`
	Set    map[string]any `toml:"set"`
}

// ParseScenario reads a scenario file's text for market m. file names the
// file in error messages, which read "file:line: field: what is wrong".
func ParseScenario(file string, text []byte, m *market.Market) (*market.Scenario, error) {
	f, lines, err := decodeScenario(file, text)
	if err != nil {
		return nil, err
	}
	errAt := func(key, field, format string, args ...any) *FileError {
		return &FileError{File: file, Line: lines[key], Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	sc := &market.Scenario{Name: scenariotext.NormalizeName(*f.Name), Note: f.Note}
	if f.Market == nil {
		return nil, errAt("", "market", "missing; give the name of the market the scenario belongs to, e.g. market = %q", m.Name)
	}
	sc.Market = *f.Market
	if !sameMarket(sc.Market, m.Name) {
		e := errAt("market", "market", "this scenario belongs to the market %q, but the market open is %q; open it with that market's file (--market FILE)", sc.Market, m.Name)
		e.Err = ErrOtherMarket
		return nil, e
	}
	if msg := scenariotext.PlainText(f.Note, true); msg != "" {
		return nil, errAt("note", "note", "%s", msg)
	}
	if f.Saved != nil {
		t, ok := savedTime(f.Saved)
		if !ok {
			return nil, errAt("saved", "saved", "is %s but should be a date and time like 2026-11-27T11:42:05Z (or leave it out)", scenariotext.TOMLKind(f.Saved))
		}
		sc.Saved = t
	}
	settings, err := scenariotext.ParseSettings(m, f.Set, lines, "set", "set.", func(key, field, msg string) error {
		return errAt(key, field, "%s", msg)
	})
	if err != nil {
		return nil, err
	}
	sc.Settings = settings
	return sc, nil
}

// decodeScenario decodes the structure of a scenario file and checks its
// name, without looking at the values; renaming needs no more.
func decodeScenario(file string, text []byte) (*scenarioFile, map[string]int, error) {
	text = bytes.TrimPrefix(text, tomlfile.BOM)
	if !utf8.Valid(text) {
		return nil, nil, &FileError{File: file, Msg: "is not UTF-8 text, so it is not a sizeup scenario"}
	}
	var f scenarioFile
	if err := tomlfile.DecodeStrict(file, text, &f); err != nil {
		return nil, nil, err
	}
	lines := tomlfile.KeyLines(text)
	switch {
	case f.Name == nil:
		return nil, nil, &FileError{File: file, Field: "name", Msg: `missing; a sizeup scenario starts with its name, e.g. name = "Wasu deal"`}
	default:
		if err := scenariotext.ValidName(scenariotext.NormalizeName(*f.Name)); err != nil {
			return nil, nil, &FileError{File: file, Line: lines["name"], Field: "name", Msg: err.Error()}
		}
	}
	return &f, lines, nil
}

func sameMarket(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

func savedTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, true
	case toml.LocalDateTime:
		return t.AsTime(time.UTC), true
	case toml.LocalDate:
		return t.AsTime(time.UTC), true
	}
	return time.Time{}, false
}

// EncodeScenario writes a scenario of market m as a scenario file: only
// its settings, in the market's display order, each value in model units
// with the shortest digits that read back as the same float64. It refuses
// what ParseScenario would refuse, so whatever it writes reads back.
func EncodeScenario(m *market.Market, sc *market.Scenario) ([]byte, error) {
	name := scenariotext.NormalizeName(sc.Name)
	if err := scenariotext.ValidName(name); err != nil {
		return nil, err
	}
	if sc.Market != "" && !sameMarket(sc.Market, m.Name) {
		return nil, fmt.Errorf("scenario %q belongs to the market %q, not %q: %w", name, sc.Market, m.Name, ErrOtherMarket)
	}
	if msg := scenariotext.PlainText(sc.Note, true); msg != "" || !utf8.ValidString(sc.Note) {
		if msg == "" {
			msg = "is not valid UTF-8 text"
		}
		return nil, fmt.Errorf("scenario %q: note %s", name, msg)
	}
	rank := map[market.ID]int{}
	for i, id := range m.Order {
		rank[id] = i
	}
	settings := append([]market.Setting(nil), sc.Settings...)
	seen := map[market.ID]bool{}
	for _, s := range settings {
		if s.ID < 0 || int(s.ID) >= len(m.Inputs) {
			return nil, fmt.Errorf("scenario %q: input %d is not an input of the model", name, int(s.ID))
		}
		in := &m.Inputs[s.ID]
		if seen[s.ID] {
			return nil, fmt.Errorf("scenario %q: %s is set twice", name, in.Name)
		}
		seen[s.ID] = true
		if msg := scenariotext.CheckValue(in, s.Value); msg != "" {
			return nil, fmt.Errorf("scenario %q: %s: %s", name, in.Name, msg)
		}
		if msg := scenariotext.PlainText(s.Why, false); msg != "" || !utf8.ValidString(s.Why) {
			if msg == "" {
				msg = "is not valid UTF-8 text"
			}
			return nil, fmt.Errorf("scenario %q: %s: why %s", name, in.Name, msg)
		}
	}
	sort.SliceStable(settings, func(i, j int) bool { return rank[settings[i].ID] < rank[settings[j].ID] })

	var b strings.Builder
	b.WriteString("# sizeup scenario: the inputs that differ from the market's defaults.\n")
	b.WriteString("# Numbers are in model units (people, US dollars, shares as fractions:\n")
	b.WriteString("# 0.05 = 5%); text in quotes is read as typed in the app (\"5%\", \"$2.39\").\n")
	fmt.Fprintf(&b, "name = %s\n", tomlString(name))
	fmt.Fprintf(&b, "market = %s\n", tomlString(m.Name))
	fmt.Fprintf(&b, "note = %s\n", tomlString(sc.Note))
	if !sc.Saved.IsZero() {
		fmt.Fprintf(&b, "saved = %s\n", sc.Saved.UTC().Format(time.RFC3339))
	}
	b.WriteString("\n[set]\n")
	if len(settings) == 0 {
		b.WriteString("# nothing: this scenario is the market's defaults\n")
	}
	for _, s := range settings {
		in := &m.Inputs[s.ID]
		value, comment := tomlNumber(s.Value), "  # "+in.Format(s.Value, market.USD)
		switch in.Kind {
		case market.KindSwitch:
			value, comment = `"off"`, ""
			if s.Value == 1 {
				value = `"on"`
			}
		case market.KindYear:
			comment = ""
		}
		if s.Why != "" {
			value = fmt.Sprintf("{ value = %s, why = %s }", value, tomlString(strings.TrimSpace(s.Why)))
		}
		fmt.Fprintf(&b, "%s = %s%s\n", m.Inputs[s.ID].Name, value, comment)
	}
	return []byte(b.String()), nil
}

// tomlNumber writes a finite float64 so that TOML reads back exactly the
// same bits: whole numbers as integers with _ between thousands
// (649_000_000), others with the shortest digits strconv finds, which
// round-trip by construction.
func tomlNumber(v float64) string {
	abs := math.Abs(v)
	switch {
	case v == 0 && math.Signbit(v):
		return "-0.0"
	case v == 0:
		return "0"
	case v == math.Trunc(v) && abs < 1e15:
		return groupDigits(strconv.FormatFloat(v, 'f', 0, 64))
	case abs >= 1e-4 && abs < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'e', -1, 64) // 1e-07, 1.5e+20: TOML floats
}

func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if len(s) <= 4 {
		return sign + s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// tomlString quotes text as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
