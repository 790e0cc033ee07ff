package tomlfile

import (
	"testing"

	"github.com/pelletier/go-toml/v2/unstable"
)

func TestKeyLinesNumberTablesUnderArrays(t *testing.T) {
	text := []byte("[[preset]]\nname = \"a\"\n[preset.set]\nx = 1\n[[preset]]\nname = \"b\"\n[preset.set]\nx = 2\ny = { value = 3 }\n[preset.set.z]\nvalue = 4\n")
	lines := KeyLines(text)
	want := map[string]int{"preset.0": 1, "preset.0.set": 3, "preset.0.set.x": 4, "preset.1": 5, "preset.1.name": 6,
		"preset.1.set": 7, "preset.1.set.x": 8, "preset.1.set.y": 9, "preset.1.set.z": 10, "preset.1.set.z.value": 11}
	for k, w := range want {
		if lines[k] != w {
			t.Errorf("%s on line %d, want %d", k, lines[k], w)
		}
	}
}

// The line index gives the places go-toml's own Shape gives, on long
// lines, several strings on one line, multi-byte text and CRLF endings.
func TestKeyPlacesMatchTheParsersShape(t *testing.T) {
	text := []byte("a = \"x\"\r\n[t]\nb = { c = \"é\", d = \"漢字\" }\ne = ['''q''', \"r\"]\nf = \"\"\"\nmulti\n\"\"\"\n\n[[arr]]\ng = 'lit' # \"h\"\n" +
		"[[arr]]\n\"quoted key\" = \"v\\u00e9\"\n")
	lines, starts := KeyPlaces(text)
	var p unstable.Parser
	p.Reset(text)
	checked := 0
	table := ""
	arrays := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind == unstable.Table || e.Kind == unstable.ArrayTable {
			table = tablePath(keyParts(e.Key()), e.Kind == unstable.ArrayTable, arrays)
			continue
		}
		if e.Kind != unstable.KeyValue {
			continue
		}
		key := joinKey(e.Key())
		if table != "" {
			key = table + "." + key
		}
		it := e.Key()
		it.Next()
		if want := p.Shape(it.Node().Raw).Start.Line; lines[key] != want {
			t.Errorf("%s on line %d, want %d", key, lines[key], want)
		}
		if v := e.Value(); v.Kind == unstable.String {
			want := p.Shape(v.Raw).Start
			if s := starts[key]; s.line != want.Line || s.col != want.Column {
				t.Errorf("%s's string at %d:%d, want %d:%d", key, s.line, s.col, want.Line, want.Column)
			}
			checked++
		}
	}
	if checked < 4 {
		t.Errorf("only %d strings checked", checked)
	}
}

// Columns count characters, not bytes, also for a second string on a line
// after multi-byte text.
func TestKeyPlacesCountCharacters(t *testing.T) {
	text := []byte("[t]\n\"é漢\" = \"x\"\n")
	_, starts := KeyPlaces(text)
	if s := starts["t.é漢"]; s.line != 2 || s.col != 8 {
		t.Errorf("at %d:%d, want 2:8", s.line, s.col)
	}
}
