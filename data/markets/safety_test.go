package markets

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// setField rewrites one field of the [[input]] or [[history]] with this id
// in the embedded market file.
func setField(t *testing.T, text, id, field, value string) string {
	t.Helper()
	i := strings.Index(text, "id = \""+id+"\"\n")
	if i < 0 {
		t.Fatalf("no id %s", id)
	}
	end := strings.Index(text[i:], "\n[")
	if end < 0 {
		end = len(text) - i
	}
	block := text[i : i+end]
	re := regexp.MustCompile(`(?m)^` + field + ` = .*$`)
	if !re.MatchString(block) {
		t.Fatalf("%s has no %s", id, field)
	}
	return text[:i] + re.ReplaceAllLiteralString(block, field+" = "+value) + text[i+end:]
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Bidi_Control, r)
	})
}

// Item 1: escape sequences in a market file never survive the load.
func TestMarketTextIsCleanedAtLoad(t *testing.T) {
	text := string(DefaultMarketSource())
	text = strings.Replace(text, `name = "China online video"`, `name = "China\u001b]52;c;cHduZWQ=\u0007 online video\u0000"`, 1)
	text = strings.Replace(text, `title = "China's`, `title = "\u009b2J\u001b[31mChina's`, 1)
	text = setField(t, text, "internet_users", "label", `"Internet\u001b[2J\u001b[H users"`)
	text = setField(t, text, "internet_users", "group", `"Mar\u007fket\u202e"`)
	text = setField(t, text, "internet_users", "source", `"CNNIC\u001b]0;pwned\u0007"`)
	text = setField(t, text, "conversion", "note", `"line one\nline two\u001b[1A\u001b[2K"`)
	text = setField(t, text, "market_cny", "label", `"iResearch\u001b[5m"`)
	text = setField(t, text, "market_cny", "note", `"a\u0000b"`)
	m, err := ParseMarket("esc.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	in := m.Inputs[InternetUsers]
	checks := map[string]string{
		"name": m.Name, "title": m.Title, "label": in.Label, "group": in.Group, "source": in.Source,
		"note": m.Inputs[Conversion].Note, "history label": m.History[0].Label, "history note": m.History[0].Note,
	}
	for _, f := range m.Facts {
		checks["fact"] += f.Text + f.Source + f.URL
	}
	for field, s := range checks {
		if hasControl(s) {
			t.Errorf("%s keeps control characters: %q", field, s)
		}
	}
	if m.Name != "China online video" || in.Label != "Internet users" || m.Inputs[Conversion].Note != "line one\nline two" {
		t.Errorf("cleaning lost the text: %q, %q, %q", m.Name, in.Label, m.Inputs[Conversion].Note)
	}
}

// Item 1: a key or a file name quoted in an error is escaped.
func TestFileErrorsEscapeControls(t *testing.T) {
	text := string(DefaultMarketSource())
	text = strings.Replace(text, "[market]\n", "[market]\n\"x\\u001b]52;c;aGk=\\u0007\" = 1\n", 1)
	_, err := ParseMarket("evil\x1b[2J.toml", []byte(text))
	if err == nil {
		t.Fatal("an unknown key was accepted")
	}
	if hasControl(err.Error()) || !strings.Contains(err.Error(), `\x1b`) {
		t.Errorf("error %q holds control characters or hides them", err)
	}
}

// Item 8: a BOM at the start is skipped.
func TestMarketFileBOM(t *testing.T) {
	text := append([]byte{0xEF, 0xBB, 0xBF}, DefaultMarketSource()...)
	if _, err := ParseMarket("bom.toml", text); err != nil {
		t.Errorf("a BOM was refused: %v", err)
	}
}

// Items 4, 7 and 8: limits that keep every output finite, and the gaps.
func TestMarketLimits(t *testing.T) {
	cases := []struct {
		id, field, value string
		says             string
	}{
		{"internet_users", "max", "1e308", "1e+11"},
		{"internet_users", "max", "2e11", "1e+11"},
		{"internet_users", "min", "-5", "0 to 1e+11"},
		{"market_size", "max", "1e15", "1e+14"},
		{"price", "max", "1e6", "100000"},
		{"user_growth", "max", "11", "100%"},
		{"market_growth", "max", "1.5", "100%"},
		{"user_growth", "min", "-1", "-100%"},
		{"approval_lag", "max", "13", "0 to 12"},
		{"approval_lag", "min", "-1", "0 to 12"},
		{"fx_cny_per_usd", "min", "0", "above 0"},
		{"fx_cny_per_usd", "min", "-2", "above 0"},
		{"fx_cny_per_usd", "max", "1e9", "1e+06"},
		{"bass_q", "max", "1e300", "0 to 10"},
		{"bass_p", "min", "1e-300", "1e-06"},
		{"launch_year", "max", "1e9", "1900 to 2200"},
		{"conversion", "step", "1e-300", "1/10,000"},
		{"internet_users", "step", "1", "1/10,000"},
		{"conversion", "step", "0", "positive"},
		{"market_cny", "values", "[12.8e9, nan, 36.8e9, 60.9e9, 72.59e9, 96.27e9]", "finite"},
		{"market_cny", "values", "[12.8e9, inf, 36.8e9, 60.9e9, 72.59e9, 96.27e9]", "finite"},
		{"market_cny", "values", "[12.8e9, -inf, 36.8e9, 60.9e9, 72.59e9, 96.27e9]", "finite"},
		{"market_cny", "values", "[12.8e9, 1e300, 36.8e9, 60.9e9, 72.59e9, 96.27e9]", "finite"},
	}
	for _, c := range cases {
		text := setField(t, string(DefaultMarketSource()), c.id, c.field, c.value)
		_, err := ParseMarket("m.toml", []byte(text))
		if err == nil {
			t.Errorf("%s.%s = %s: accepted", c.id, c.field, c.value)
			continue
		}
		if !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "m.toml:") {
			t.Errorf("%s.%s = %s: %q does not say %q", c.id, c.field, c.value, err, c.says)
		}
	}
}
