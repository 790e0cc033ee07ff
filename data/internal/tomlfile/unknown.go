package tomlfile

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// firstUnknownKey finds the first key of text that the type t (what
// DecodeStrict decodes into) has no field for, in one pass over the text:
// the decoder's own strict mode works out a position for every unknown key
// by scanning from the start, which for 200,000 unknown keys takes
// minutes. found is false when every key is known, or when the text does
// not parse (the decoder then reports the syntax error itself). Fields are
// matched by their toml tag as the decoder does, exactly or ignoring case;
// a map or an interface takes any key.
func firstUnknownKey(text []byte, t reflect.Type) (line int, field, msg string, found bool) {
	var p unstable.Parser
	p.Reset(text)
	table, tableKnown := t, true
	var tableParts []string
	off, keys := -1, 0
	arrays := map[string]int{}
	for p.NextExpression() && off < 0 {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			tableParts, keys = keyParts(e.Key()), 0
			if e.Kind == unstable.ArrayTable {
				name := strings.Join(tableParts, ".")
				if arrays[name]++; arrays[name] > MaxArrayLen {
					off, field, msg = keyOffset(e), name, fmt.Sprintf("over %d [[%s]]; a sizeup file has at most %d of one kind", MaxArrayLen, name, MaxArrayLen)
					continue
				}
			}
			var bad int
			table, bad = descendPath(t, tableParts)
			tableKnown = bad < 0
			if !tableKnown {
				off, field, msg = keyOffset(e), strings.Join(tableParts, "."), unknownFieldMsg
			}
		case unstable.KeyValue:
			if keys++; keys > MaxTableKeys || tooManyInline(e.Value()) {
				off, field, msg = keyOffset(e), strings.Join(tableParts, "."), tooManyKeysMsg
				continue
			}
			if tooLong(e.Value()) {
				off, field, msg = keyOffset(e), strings.Join(append(append([]string{}, tableParts...), keyParts(e.Key())...), "."), tooLongMsg
				continue
			}
			if !tableKnown {
				continue
			}
			if o, path := unknownIn(e, table, 0); o >= 0 {
				off, field, msg = o, strings.Join(append(append([]string{}, tableParts...), path...), "."), unknownFieldMsg
			}
		}
	}
	if off < 0 || p.Error() != nil {
		return 0, "", "", false
	}
	for p.NextExpression() { // the rest must parse, or the decoder's syntax error comes first
	}
	if p.Error() != nil {
		return 0, "", "", false
	}
	return newLineIndex(text).line(off), field, msg, true
}

// MaxTableKeys bounds the keys of one table (the longest a market has is a
// preset's [preset.set], one key per input, at most 200): the decoder
// checks each key against all keys before it, so 350,000 keys in one table
// took ten minutes.
const MaxTableKeys = 1000

var tooManyKeysMsg = fmt.Sprintf("has over %d keys; a table of a sizeup file has at most %d", MaxTableKeys, MaxTableKeys)

// MaxArrayLen bounds a list and the [[tables]] of one name: a market's
// longest are a history's years (a century or two) and its 200 series.
// Decoding 800,000 numbers took a second and 220 MB.
const MaxArrayLen = 10000

var tooLongMsg = fmt.Sprintf("has over %d values; a list in a sizeup file has at most %d", MaxArrayLen, MaxArrayLen)

// tooLong reports whether a list, or one inside it or in an inline table,
// has more than MaxArrayLen values.
func tooLong(v *unstable.Node) bool {
	if v == nil {
		return false
	}
	n := 0
	for it := v.Children(); it.Next(); {
		c := it.Node()
		if v.Kind == unstable.Array {
			if n++; n > MaxArrayLen {
				return true
			}
		}
		if c.Kind == unstable.KeyValue {
			c = c.Value()
		}
		if (c.Kind == unstable.Array || c.Kind == unstable.InlineTable) && tooLong(c) {
			return true
		}
	}
	return false
}

// tooManyInline reports whether an inline table, or one in an array, has
// more than MaxTableKeys keys.
func tooManyInline(v *unstable.Node) bool {
	if v == nil {
		return false
	}
	switch v.Kind {
	case unstable.InlineTable:
		n := 0
		for it := v.Children(); it.Next(); {
			if n++; n > MaxTableKeys || tooManyInline(it.Node().Value()) {
				return true
			}
		}
	case unstable.Array:
		for it := v.Children(); it.Next(); {
			if tooManyInline(it.Node()) {
				return true
			}
		}
	}
	return false
}

// maxInlineDepth bounds how deep inline tables are followed; below it no
// key is judged (the decoder still is).
const maxInlineDepth = 64

// unknownIn checks a key/value against type t: the offset of its first
// unknown key (-1 for none) and that key's path from t.
func unknownIn(kv *unstable.Node, t reflect.Type, depth int) (int, []string) {
	parts := keyParts(kv.Key())
	vt, bad := descendPath(t, parts)
	if bad >= 0 {
		return keyOffset(kv), parts[:bad+1]
	}
	if vt == nil || depth >= maxInlineDepth {
		return -1, nil
	}
	v := kv.Value()
	switch v.Kind {
	case unstable.InlineTable:
		if o, path := unknownInTable(v, vt, depth); o >= 0 {
			return o, append(parts, path...)
		}
	case unstable.Array:
		elem := elemType(vt)
		if elem == nil {
			return -1, nil
		}
		for it := v.Children(); it.Next(); {
			if n := it.Node(); n.Kind == unstable.InlineTable {
				if o, path := unknownInTable(n, elem, depth); o >= 0 {
					return o, append(parts, path...)
				}
			}
		}
	}
	return -1, nil
}

func unknownInTable(tbl *unstable.Node, t reflect.Type, depth int) (int, []string) {
	for it := tbl.Children(); it.Next(); {
		if n := it.Node(); n.Kind == unstable.KeyValue {
			if o, path := unknownIn(n, t, depth+1); o >= 0 {
				return o, path
			}
		}
	}
	return -1, nil
}

// descendPath follows key parts from t: the type they lead to (nil when
// anything is accepted below) and the index of the first part t has no
// field for, -1 when all are known.
func descendPath(t reflect.Type, parts []string) (reflect.Type, int) {
	for i, part := range parts {
		t = elemType(t)
		if t == nil {
			return nil, -1
		}
		switch t.Kind() {
		case reflect.Map, reflect.Interface:
			return nil, -1
		case reflect.Struct:
			f, ok := fieldByKey(t, part)
			if !ok {
				return nil, i
			}
			t = f
		default: // not a table: the decoder reports the type
			return nil, -1
		}
	}
	return t, -1
}

// elemType is t without pointers and slices (an array of tables is decoded
// element by element); nil for an interface or map type to take anything.
func elemType(t reflect.Type) reflect.Type {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		t = t.Elem()
	}
	return t
}

func fieldByKey(t reflect.Type, key string) (reflect.Type, bool) {
	var folded reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f.Type, true
		}
		if folded == nil && strings.EqualFold(name, key) {
			folded = f.Type
		}
	}
	return folded, folded != nil
}
