package tomlfile

import (
	"fmt"
	"sort"
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
// in the decoded string back to the file). It reads the text once: a line
// index is built once and each place is a binary search in it, so a file of
// many keys costs no more than its size.
func KeyPlaces(text []byte) (map[string]int, map[string]StringPlace) {
	lines := map[string]int{}
	starts := map[string]StringPlace{}
	idx := newLineIndex(text)
	var p unstable.Parser
	p.Reset(text)
	arrayCount := map[string]int{}
	table := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = tablePath(keyParts(e.Key()), e.Kind == unstable.ArrayTable, arrayCount)
			lines[table] = idx.line(keyOffset(e))
		case unstable.KeyValue:
			key := joinKey(e.Key())
			if table != "" {
				key = table + "." + key
			}
			lines[key] = idx.line(keyOffset(e))
			if v := e.Value(); v != nil && v.Kind == unstable.String && v.Raw.Length > 0 {
				line, col := idx.place(int(v.Raw.Offset))
				starts[key] = StringPlace{raw: string(p.Raw(v.Raw)), line: line, col: col}
			}
		}
	}
	return lines, starts
}

// lineIndex is where each line of a text starts, built once, so a byte
// offset's line is a binary search rather than a scan from the start.
type lineIndex struct {
	text   []byte
	starts []int // starts[i] is the offset of line i+1
	// The last column worked out, so columns on one long line are counted
	// on from there rather than from the line's start each time.
	lastOff, lastCol int
}

func newLineIndex(text []byte) *lineIndex {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{text: text, starts: starts, lastOff: -1}
}

// line is the 1-based line of byte offset off.
func (x *lineIndex) line(off int) int {
	return sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
}

// place is the 1-based line and column (in characters) of byte offset off.
func (x *lineIndex) place(off int) (line, col int) {
	line = x.line(off)
	from, col := x.starts[line-1], 1
	if x.lastOff >= from && x.lastOff <= off {
		from, col = x.lastOff, x.lastCol
	}
	col += utf8.RuneCount(x.text[from:off])
	x.lastOff, x.lastCol = off, col
	return line, col
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

// keyOffset is where an expression's key starts. Table headers carry no
// raw range of their own, so the key's first part is used.
func keyOffset(e *unstable.Node) int {
	it := e.Key()
	if it.Next() {
		if n := it.Node(); len(n.Data) > 0 || n.Raw.Length > 0 {
			return int(n.Raw.Offset)
		}
	}
	return int(e.Raw.Offset)
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

// ArrayTableLine is the line of the (n+1)th [[name]] header of text, 0 if
// there is none: one key's line, found without working out every key's
// place, for refusing a file with too many tables before reading further.
func ArrayTableLine(text []byte, name string, n int) int {
	var p unstable.Parser
	p.Reset(text)
	for p.NextExpression() {
		e := p.Expression()
		if e.Kind != unstable.ArrayTable || joinKey(e.Key()) != name {
			continue
		}
		if n == 0 {
			return newLineIndex(text).line(keyOffset(e))
		}
		n--
	}
	return 0
}
