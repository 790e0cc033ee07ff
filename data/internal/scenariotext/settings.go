package scenariotext

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/pelletier/go-toml/v2"

	"sizeup/market"
)

// PlainText refuses control characters, which a terminal could act on when
// the text is shown, and the invisible marks that reorder text on screen;
// a note may hold line breaks and tabs, a why may not.
func PlainText(s string, multiline bool) string {
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

// ParseSettings reads a [set] table: input id → value. keyPrefix locates a
// key in lines ("set", "preset.2.set"); fieldPrefix starts the field named
// in errors. Problems are reported in file order.
func ParseSettings(m *market.Market, set map[string]any, lines map[string]int, keyPrefix, fieldPrefix string, errAt func(key, field, msg string) error) ([]market.Setting, error) {
	set = itemKeys(m, set)
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
			msg := "is not an input of the model; the inputs are " + market.JoinShort(m.SettableNames())
			if near := market.Nearest(k, m.SettableNames()); near != "" {
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

// itemKeys spells out the keys of inputs with dims (DESIGN.md §10): a
// family's id sets every item (households = 5e6), and its items may nest
// as TOML writes dotted keys (households.north = 5e6 is households =
// { north = 5e6 }). Each becomes one key per item, "households.north".
func itemKeys(m *market.Market, set map[string]any) map[string]any {
	out := make(map[string]any, len(set))
	for k, v := range set {
		ids := m.LookupInputs(k)
		if _, single := m.LookupInput(k); single || len(ids) == 0 {
			out[k] = v
			continue
		}
		t, isTable := v.(map[string]any)
		_, hasValue := t["value"]
		if !isTable || hasValue {
			for _, id := range ids {
				out[m.Inputs[id].Name] = v
			}
			continue
		}
		for item, iv := range itemKeys(m, prefixed(k, t)) {
			out[item] = iv
		}
	}
	return out
}

func prefixed(prefix string, t map[string]any) map[string]any {
	out := make(map[string]any, len(t))
	for k, v := range t {
		out[prefix+"."+k] = v
	}
	return out
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
				return 0, "", fmt.Sprintf("why is %s but should be text in quotes", TOMLKind(w))
			}
			if m := PlainText(s, false); m != "" {
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
	return 0, "", fmt.Sprintf("is %s; give a number in model units, text as typed in the app such as %q, or { value = …, why = \"…\" }", TOMLKind(raw), example(in))
}

func numberValue(in *market.Input, v float64) (float64, string, string) {
	if msg := CheckValue(in, v); msg != "" {
		return 0, "", msg
	}
	return v, "", ""
}

// CheckValue says what is wrong with a value in model units, "" if nothing.
func CheckValue(in *market.Input, v float64) string {
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
	case market.UnitCount:
		return in.UnitLabel + " (4100000)"
	case market.UnitMoneyPer:
		return "US dollars (1200)"
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

// TOMLKind names the kind of a decoded TOML value in a sentence: "text",
// "a number", "a table".
func TOMLKind(v any) string {
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
