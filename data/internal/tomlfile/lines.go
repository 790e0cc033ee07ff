package tomlfile

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

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

// KeyPlaces is KeyLines, and for each key whose value is a string, where
// that string is written: "series.3.formula" → its raw text and the line
// and column its opening quote is on (StringPlace.Position maps an offset
// in the decoded string back to the file).
func KeyPlaces(text []byte) (map[string]int, map[string]StringPlace) {
	lines := map[string]int{}
	starts := map[string]StringPlace{}
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
				off := p.Shape(v.Raw).Start.Offset
				line := 1 + bytes.Count(text[:off], []byte("\n"))
				col := utf8.RuneCount(text[bytes.LastIndexByte(text[:off], '\n')+1:off]) + 1
				starts[key] = StringPlace{raw: string(p.Raw(v.Raw)), line: line, col: col}
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

// StringPlace is a TOML string as written in the file: its raw text, with
// its quotes, and the line and column (in characters) of its first quote.
type StringPlace struct {
	raw       string
	line, col int
}

// Position is the file's line and column of byte offset off in the
// string's decoded value, which must be decoded: TOML's escapes, a
// multi-line string's first newline and line-ending backslashes are
// undone here as the decoder undid them, so a column counts the file's own
// characters. ok is false when the raw text does not decode to decoded.
func (s StringPlace) Position(decoded string, off int) (line, col int, ok bool) {
	value, at := decodeTOMLString(s.raw)
	if value != decoded || off < 0 || off > len(value) {
		return 0, 0, false
	}
	before := s.raw[:at[off]]
	if nl := strings.LastIndexByte(before, '\n'); nl >= 0 {
		return s.line + strings.Count(before, "\n"), utf8.RuneCountInString(before[nl+1:]) + 1, true
	}
	return s.line, s.col + utf8.RuneCountInString(before), true
}

// decodeTOMLString decodes a raw TOML string (basic, literal, or either
// multi-line) and says where each byte of the value came from: at[k] is
// the offset in raw of value byte k, at[len(value)] the closing quotes.
func decodeTOMLString(raw string) (value string, at []int) {
	quote := 1
	if strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''") {
		quote = 3
	}
	if len(raw) < 2*quote {
		return "", []int{0}
	}
	literal := raw[0] == '\''
	i, end := quote, len(raw)-quote
	if quote == 3 { // a newline right after the opening quotes is not part of it
		if strings.HasPrefix(raw[i:], "\r\n") {
			i += 2
		} else if strings.HasPrefix(raw[i:], "\n") {
			i++
		}
	}
	var b strings.Builder
	for i < end {
		start := i
		var piece string
		switch {
		case literal || raw[i] != '\\':
			_, size := utf8.DecodeRuneInString(raw[i:])
			piece, i = raw[i:i+size], i+size
		case quote == 3 && lineEndingBackslash(raw[i+1:end]):
			// \ at a line's end: it and all whitespace after it vanish.
			i++
			for i < end && strings.ContainsRune(" \t\r\n", rune(raw[i])) {
				i++
			}
		default:
			piece, i = escape(raw, i)
		}
		for range len(piece) {
			at = append(at, start)
		}
		b.WriteString(piece)
	}
	return b.String(), append(at, end)
}

// lineEndingBackslash reports whether s (what follows a backslash) is
// spaces or tabs up to a newline.
func lineEndingBackslash(s string) bool {
	t := strings.TrimLeft(s, " \t")
	return strings.HasPrefix(t, "\n") || strings.HasPrefix(t, "\r\n")
}

// escape decodes the escape at raw[i] (a backslash): its value and the
// offset after it.
func escape(raw string, i int) (string, int) {
	if i+1 >= len(raw) {
		return `\`, i + 1
	}
	simple := map[byte]string{'b': "\b", 't': "\t", 'n': "\n", 'f': "\f", 'r': "\r", 'e': "\x1b", '"': `"`, '\\': `\`}
	if v, ok := simple[raw[i+1]]; ok {
		return v, i + 2
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[raw[i+1]]
	if digits == 0 || i+2+digits > len(raw) {
		return raw[i : i+2], i + 2
	}
	r, err := strconv.ParseUint(raw[i+2:i+2+digits], 16, 32)
	if err != nil {
		return raw[i : i+2], i + 2
	}
	return string(rune(r)), i + 2 + digits
}
