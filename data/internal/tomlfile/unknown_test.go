package tomlfile

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

type testDoc struct {
	Market struct {
		Name     string `toml:"name"`
		Currency *struct {
			Code string `toml:"code"`
		} `toml:"currency"`
	} `toml:"market"`
	Input []struct {
		ID  string    `toml:"id"`
		Obs []float64 `toml:"observed"`
	} `toml:"input"`
	Preset []struct {
		Set map[string]any `toml:"set"`
	} `toml:"preset"`
	Saved any `toml:"saved"`
}

// The one-pass search for unknown keys finds the key, line and field the
// decoder's strict mode finds, and accepts what it accepts.
func TestFirstUnknownKeyAgreesWithDecoder(t *testing.T) {
	docs := []string{
		"[market]\nname = \"a\"\n",
		"[market]\nName = \"a\"\n",
		"[market]\nname = \"a\"\nnmae = 1\n",
		"[market]\nname = \"a\"\n[market.bogus]\nx = 1\n",
		"[market]\ncurrency = { code = \"EUR\", symbol = \"€\" }\n",
		"[market.currency]\ncode = \"EUR\"\n\nsymbol = 1\n",
		"[[input]]\nid = \"a\"\n[[input]]\nid = \"b\"\nlabel = \"x\"\n",
		"input = [{ id = \"a\" }, { id = \"b\", no = 2 }]\n",
		"[[preset]]\n[preset.set]\nanything = 1\nx = { y = 2 }\n",
		"saved = { a = 1 }\n[market]\nname.first = \"a\"\n",
		"market.name = \"a\"\nmarket.bad = 2\n",
		"\"market\" = { \"na\\u006de\" = \"a\", 'oops' = 3 }\n",
		"top = 1\n",
	}
	for _, doc := range docs {
		var v testDoc
		dec := toml.NewDecoder(strings.NewReader(doc))
		dec.DisallowUnknownFields()
		err := dec.Decode(&v)
		var strict *toml.StrictMissingError
		wantFound := errors.As(err, &strict)
		line, field, _, found := firstUnknownKey([]byte(doc), reflect.TypeOf(&v))
		if found != wantFound {
			t.Errorf("%q: found %v, the decoder says %v (%v)", doc, found, wantFound, err)
			continue
		}
		if !found {
			continue
		}
		e := strict.Errors[0]
		wantLine, _ := e.Position()
		// Inside an inline table the decoder leaves out parts of the
		// path (market.symbol for market.currency.symbol); the full path
		// is the better name, so only the key itself must agree.
		if line != wantLine || !strings.HasSuffix(field, "."+e.Key()[len(e.Key())-1]) && field != strings.Join(e.Key(), ".") {
			t.Errorf("%q: line %d field %q, the decoder says line %d field %q", doc, line, field, wantLine, strings.Join(e.Key(), "."))
		}
	}
}
