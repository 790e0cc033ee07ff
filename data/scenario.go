package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

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

// MaxNameLen is the longest scenario name, in characters.
const MaxNameLen = 64

// maxScenarioBytes bounds what is read from a scenario file: a real one is a
// few hundred bytes, so anything this big is not a scenario.
const maxScenarioBytes = 1 << 20

const nameRule = "a name may hold letters, digits, spaces and - _ . , ' ( ) + &, up to 64 characters"

// NormalizeName trims a name and folds each run of white space inside it to
// one space, the form in which names are validated and saved.
func NormalizeName(name string) string { return strings.Join(strings.Fields(name), " ") }

// ValidName checks that name can name a scenario: a name, not a path. It
// refuses empty names, path separators, "." and "..", a leading dot,
// control characters, names longer than MaxNameLen, characters outside
// letters, digits, spaces and - _ . , ' ( ) + &, names without a letter or
// digit, and names whose file would be a device on Windows (CON, NUL, COM1…).
// The error is one sentence saying what was wrong and what is accepted.
func ValidName(name string) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("scenario name %s: %s; %s", market.QuoteShort(name), fmt.Sprintf(format, args...), nameRule)
	}
	switch {
	case name == "":
		return fmt.Errorf("the scenario name is empty; %s", nameRule)
	case strings.TrimSpace(name) == "" && utf8.ValidString(name) && !strings.ContainsFunc(name, unicode.IsControl):
		return bad("is only spaces")
	case !utf8.ValidString(name):
		return bad("is not valid UTF-8 text")
	}
	if i := strings.IndexFunc(name, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		return bad("contains the control character U+%04X", r)
	}
	switch {
	case name == "." || name == "..":
		return bad("%s names a folder, not a scenario", name)
	case strings.ContainsAny(name, `/\`):
		return bad("a name is not a path, so %q is not allowed", string(name[strings.IndexAny(name, `/\`)]))
	case strings.HasPrefix(name, "."):
		return bad("begins with a dot, which would hide its file")
	case name != strings.TrimSpace(name):
		return bad("begins or ends with a space")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return bad("is %d characters long", utf8.RuneCountInString(name))
	}
	letterOrDigit := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letterOrDigit = true
		case unicode.IsMark(r) || strings.ContainsRune(" -_.,'()+&", r):
		default:
			return bad("%q is not allowed", string(r))
		}
	}
	if !letterOrDigit {
		return bad("has no letter or digit")
	}
	stem := fileStem(name)
	device, _, _ := strings.Cut(stem, ".")
	if windowsDevice(device) {
		return bad("its file %s.toml would be the device %s on Windows", stem, strings.ToUpper(device))
	}
	return nil
}

func windowsDevice(s string) bool {
	switch strings.ToUpper(s) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	u := strings.ToUpper(s)
	if len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) {
		return u[3] >= '0' && u[3] <= '9'
	}
	for _, sup := range []string{"¹", "²", "³"} {
		if u == "COM"+sup || u == "LPT"+sup {
			return true
		}
	}
	return false
}

// fileStem maps a valid name to its file name without ".toml": lower case,
// letters, digits, _ and . kept, every other run of characters one "-".
// "Mobile-only licence" → "mobile-only-licence", "Bear (2018)" → "bear-2018".
// The name itself is kept inside the file.
func fileStem(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-.")
}

// FileName is the file a scenario of this name is saved in, inside the
// store's directory: "Wasu deal" → "wasu-deal.toml". Names that differ only
// in case or punctuation share a file; the store refuses the second.
func FileName(name string) (string, error) {
	name = NormalizeName(name)
	if err := ValidName(name); err != nil {
		return "", err
	}
	return fileStem(name) + ".toml", nil
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
	sc := &market.Scenario{Name: NormalizeName(*f.Name), Note: f.Note}
	if f.Market == nil {
		return nil, errAt("", "market", "missing; give the name of the market the scenario belongs to, e.g. market = %q", m.Name)
	}
	sc.Market = *f.Market
	if !sameMarket(sc.Market, m.Name) {
		e := errAt("market", "market", "this scenario belongs to the market %q, but the market open is %q; open it with that market's file (--market FILE)", sc.Market, m.Name)
		e.Err = ErrOtherMarket
		return nil, e
	}
	if msg := plainText(f.Note, true); msg != "" {
		return nil, errAt("note", "note", "%s", msg)
	}
	if f.Saved != nil {
		t, ok := savedTime(f.Saved)
		if !ok {
			return nil, errAt("saved", "saved", "is %s but should be a date and time like 2026-11-27T11:42:05Z (or leave it out)", tomlKind(f.Saved))
		}
		sc.Saved = t
	}
	settings, err := parseSettings(m, f.Set, lines, "set", "set.", func(key, field, msg string) error {
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
	text = bytes.TrimPrefix(text, utf8BOM)
	if !utf8.Valid(text) {
		return nil, nil, &FileError{File: file, Msg: "is not UTF-8 text, so it is not a sizeup scenario"}
	}
	var f scenarioFile
	if err := decodeStrict(file, text, &f); err != nil {
		return nil, nil, err
	}
	lines := keyLines(text)
	switch {
	case f.Name == nil:
		return nil, nil, &FileError{File: file, Field: "name", Msg: `missing; a sizeup scenario starts with its name, e.g. name = "Wasu deal"`}
	default:
		if err := ValidName(NormalizeName(*f.Name)); err != nil {
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

// plainText refuses control characters, which a terminal could act on when
// the text is shown, and the invisible marks that reorder text on screen;
// a note may hold line breaks and tabs, a why may not.
func plainText(s string, multiline bool) string {
	for _, r := range s {
		if unicode.Is(unicode.Bidi_Control, r) {
			return fmt.Sprintf("contains the invisible direction mark U+%04X, which reorders text on screen; write plain text", r)
		}
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t')) {
			if multiline {
				return fmt.Sprintf("contains the control character U+%04X; write plain text (line breaks and tabs are fine)", r)
			}
			return fmt.Sprintf("contains the control character U+%04X; write one line of plain text", r)
		}
	}
	return ""
}

// parseSettings reads a [set] table: input id → value. keyPrefix locates a
// key in lines ("set", "preset.2.set"); fieldPrefix starts the field named
// in errors. Problems are reported in file order.
func parseSettings(m *market.Market, set map[string]any, lines map[string]int, keyPrefix, fieldPrefix string, errAt func(key, field, msg string) error) ([]market.Setting, error) {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := lines[keyPrefix+"."+keys[i]], lines[keyPrefix+"."+keys[j]]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		if _, ok := m.LookupInput(k); !ok {
			msg := "is not an input of the model; the inputs are " + market.JoinShort(m.InputNames())
			if near := market.Nearest(k, m.InputNames()); near != "" {
				msg = "is not an input of the model; did you mean " + near + "?"
			}
			return nil, errAt(keyPrefix+"."+k, fieldPrefix+k, msg)
		}
	}
	// The exchange rate first: amounts typed in the market's currency are
	// converted at it.
	def := m.Defaults()
	fx := m.LocalAt(&def)
	if m.HasLocal() {
		rate := &m.Inputs[m.Local.Rate]
		raw, ok := set[rate.Name]
		if !ok && rate.Was != "" {
			raw, ok = set[rate.Was]
		}
		if ok {
			v, _, msg := settingValue(rate, raw, fx)
			if msg == "" {
				fx.PerUSD = v
			}
		}
	}
	var byID [market.MaxInputs]*market.Setting
	for _, k := range keys {
		id, _ := m.LookupInput(k)
		v, why, msg := settingValue(&m.Inputs[id], set[k], fx)
		if msg != "" {
			key := keyPrefix + "." + k
			if _, ok := lines[key+".value"]; ok {
				key += ".value"
			}
			return nil, errAt(key, fieldPrefix+k, msg)
		}
		byID[id] = &market.Setting{ID: id, Value: v, Why: why}
	}
	var out []market.Setting
	for _, id := range m.Order {
		if byID[id] != nil {
			out = append(out, *byID[id])
		}
	}
	return out, nil
}

// settingValue reads one value as the file gives it; msg is why it was
// refused, "" when it was not.
func settingValue(in *market.Input, raw any, fx market.Currency) (v float64, why, msg string) {
	if t, ok := raw.(map[string]any); ok {
		for k := range t {
			if k != "value" && k != "why" {
				return 0, "", fmt.Sprintf("%q is not part of a setting; write { value = …, why = \"…\" }", k)
			}
		}
		if w, ok := t["why"]; ok {
			s, isText := w.(string)
			if !isText {
				return 0, "", fmt.Sprintf("why is %s but should be text in quotes", tomlKind(w))
			}
			if m := plainText(s, false); m != "" {
				return 0, "", "why " + m
			}
			why = strings.TrimSpace(s)
		}
		value, ok := t["value"]
		if !ok {
			return 0, "", "has no value; write { value = …, why = \"…\" }"
		}
		if _, nested := value.(map[string]any); nested {
			return 0, "", "value is a table but should be a number or text"
		}
		v, _, msg = settingValue(in, value, fx)
		return v, why, msg
	}
	switch x := raw.(type) {
	case string:
		v, err := in.Parse(x, fx)
		if err != nil {
			var pe *market.ParseError
			if errors.As(err, &pe) {
				return 0, "", fmt.Sprintf("%q %s", pe.Text, pe.Reason)
			}
			return 0, "", err.Error()
		}
		return v, "", ""
	case bool:
		if in.Kind != market.KindSwitch {
			return 0, "", fmt.Sprintf("true/false is only for on/off inputs; %s is %s", in.Label, modelUnits(in))
		}
		if x {
			return 1, "", ""
		}
		return 0, "", ""
	case int64:
		return numberValue(in, float64(x))
	case float64:
		return numberValue(in, x)
	}
	return 0, "", fmt.Sprintf("is %s; give a number in model units, text as typed in the app such as %q, or { value = …, why = \"…\" }", tomlKind(raw), example(in))
}

func numberValue(in *market.Input, v float64) (float64, string, string) {
	if msg := checkValue(in, v); msg != "" {
		return 0, "", msg
	}
	return v, "", ""
}

// checkValue says what is wrong with a value in model units, "" if nothing.
func checkValue(in *market.Input, v float64) string {
	num := strconv.FormatFloat(v, 'g', -1, 64)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return fmt.Sprintf("%s is not a finite number", num)
	case in.Kind == market.KindSwitch && v != 0 && v != 1:
		return fmt.Sprintf("%s is not a switch value; write 1 or \"on\", 0 or \"off\"", num)
	case in.Kind == market.KindYear && v != math.Trunc(v):
		return fmt.Sprintf("%s is not a whole year; write a year like 2017", num)
	case v < in.Min || v > in.Max:
		lim := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
		return fmt.Sprintf("%s is outside what %s accepts: %s to %s in model units (%s to %s); numbers here are %s, or write it in quotes as typed in the app, e.g. %q",
			num, in.Label, lim(in.Min), lim(in.Max), in.Format(in.Min, market.USD), in.Format(in.Max, market.USD), modelUnits(in), example(in))
	}
	return ""
}

// modelUnits says how a bare number is read for this input.
func modelUnits(in *market.Input) string {
	switch in.Unit {
	case market.UnitPeople:
		return "people (649000000)"
	case market.UnitUSD:
		return "US dollars (6000000000)"
	case market.UnitUSDPerMonth:
		return "US dollars a month (4.99)"
	case market.UnitPercent, market.UnitPercentYear:
		return "fractions (0.05 = 5%)"
	case market.UnitYear:
		return "years (2017)"
	case market.UnitMonths:
		return "months (6)"
	case market.UnitOnOff:
		return "0 (off) or 1 (on)"
	case market.UnitLocalPerUSD:
		return "units of the market's currency per US dollar (6.28)"
	}
	return "plain numbers"
}

// example is a value of this input as typed in the app.
func example(in *market.Input) string {
	switch in.Unit {
	case market.UnitPercent, market.UnitPercentYear:
		return "5%"
	case market.UnitOnOff:
		return "off"
	case market.UnitLocalPerUSD:
		return strconv.FormatFloat(in.Default, 'f', -1, 64)
	}
	return in.Format(in.Default, market.USD)
}

func tomlKind(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case bool:
		return "true/false"
	case int64, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time, toml.LocalDateTime, toml.LocalDate, toml.LocalTime:
		return "a date or time"
	}
	return fmt.Sprintf("a %T", v)
}

// EncodeScenario writes a scenario of market m as a scenario file: only
// its settings, in the market's display order, each value in model units
// with the shortest digits that read back as the same float64. It refuses
// what ParseScenario would refuse, so whatever it writes reads back.
func EncodeScenario(m *market.Market, sc *market.Scenario) ([]byte, error) {
	name := NormalizeName(sc.Name)
	if err := ValidName(name); err != nil {
		return nil, err
	}
	if sc.Market != "" && !sameMarket(sc.Market, m.Name) {
		return nil, fmt.Errorf("scenario %q belongs to the market %q, not %q: %w", name, sc.Market, m.Name, ErrOtherMarket)
	}
	if msg := plainText(sc.Note, true); msg != "" || !utf8.ValidString(sc.Note) {
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
		if msg := checkValue(in, s.Value); msg != "" {
			return nil, fmt.Errorf("scenario %q: %s: %s", name, in.Name, msg)
		}
		if msg := plainText(s.Why, false); msg != "" || !utf8.ValidString(s.Why) {
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
