package tomlfile

import (
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// KeyLines maps each table and key of a TOML document to the line it is on,
// so validation can point at the exact line: "market", "market.name",
// "input.3" (the fourth [[input]]), "input.3.low", "preset.1.set.price" (a
// key of the [preset.set] table under the second [[preset]]). Arrays of
// tables are numbered in file order. Text that does not parse gives an empty map; the
// decoder reports the syntax error itself.
func KeyLines(text []byte) map[string]int {
	lines, _ := KeyPlaces(text)
	return lines
}

// KeyPlaces is KeyLines, and for each key whose value is a string, the
// line and column (1-based) where the string's text starts, after its
// opening quotes: "series.3.formula" → {12, 11}.
func KeyPlaces(text []byte) (map[string]int, map[string][2]int) {
	lines := map[string]int{}
	starts := map[string][2]int{}
	var p unstable.Parser
	p.Reset(text)
	arrayCount := map[string]int{}
	table := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = tablePath(keyParts(e.Key()), e.Kind == unstable.ArrayTable, arrayCount)
			lines[table] = keyLine(&p, e)
		case unstable.KeyValue:
			key := joinKey(e.Key())
			if table != "" {
				key = table + "." + key
			}
			lines[key] = keyLine(&p, e)
			if v := e.Value(); v != nil && v.Kind == unstable.String && v.Raw.Length > 0 {
				pos := p.Shape(v.Raw).Start
				raw := string(p.Raw(v.Raw))
				quote := 1
				if strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''") {
					quote = 3
				}
				starts[key] = [2]int{pos.Line, pos.Column + quote}
			}
		}
	}
	return lines, starts
}

func joinKey(it unstable.Iterator) string { return strings.Join(keyParts(it), ".") }

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// tablePath names a table header. A table under an array of tables belongs
// to that array's latest element, so [preset.set] after the second
// [[preset]] is "preset.1.set"; a new [[x]] takes the next number of x.
func tablePath(parts []string, isArray bool, arrayCount map[string]int) string {
	path := ""
	for i, part := range parts {
		if path != "" {
			path += "."
		}
		path += part
		n, seen := arrayCount[path]
		switch {
		case isArray && i == len(parts)-1:
			arrayCount[path] = n + 1
			path = fmt.Sprintf("%s.%d", path, n)
		case seen:
			path = fmt.Sprintf("%s.%d", path, n-1)
		}
	}
	return path
}

// keyLine is the line of an expression's key. Table headers carry no raw
// range of their own, so the key's first part is used.
func keyLine(p *unstable.Parser, e *unstable.Node) int {
	it := e.Key()
	if it.Next() {
		if n := it.Node(); len(n.Data) > 0 || n.Raw.Length > 0 {
			return p.Shape(n.Raw).Start.Line
		}
	}
	return p.Shape(e.Raw).Start.Line
}
