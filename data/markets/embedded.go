package markets

import (
	"fmt"
	"os"
	"strings"

	"sizeup/data"
	"sizeup/market"
)

// Template is the market `sizeup new` writes: a small working funnel with
// its sources to fill in.
func Template() []byte { return data.File(data.TemplateFile) }

// Embedded is a market built into sizeup, chosen with --market NAME.
type Embedded struct {
	Name string // "china-2015"
	file string
	text []byte
}

// embedded lists the built-in markets; the first is the default.
func embedded() []Embedded {
	return []Embedded{
		{Name: "china-2015", file: data.ChinaFile, text: data.File(data.ChinaFile)},
		{Name: "india-2016", file: data.IndiaFile, text: data.File(data.IndiaFile)},
		{Name: "europe-heatpumps-2021", file: data.EuropeFile, text: data.File(data.EuropeFile)},
	}
}

// EmbeddedMarkets lists the built-in markets and parses each, the
// default first.
func EmbeddedMarkets() ([]Embedded, []*market.Market, error) {
	list := embedded()
	ms := make([]*market.Market, len(list))
	for i, e := range list {
		m, err := ParseMarket(e.file+" (embedded)", e.text)
		if err != nil {
			return nil, nil, err
		}
		ms[i] = m
	}
	return list, ms, nil
}

// EmbeddedSource is the text of a built-in market, by name.
func EmbeddedSource(name string) ([]byte, bool) {
	for _, e := range embedded() {
		if strings.EqualFold(e.Name, name) {
			return append([]byte(nil), e.text...), true
		}
	}
	return nil, false
}

// OpenMarket is --market: a built-in market by name ("india-2016"), or a
// market file by path. A name that is also a file in the working folder is
// read as the file; anything with a / or ending in .toml is a path.
func OpenMarket(arg string) (*market.Market, error) {
	if arg == "" {
		return nil, fmt.Errorf("no market given; give a market's name (%s) or the path of a market file", embeddedNames())
	}
	looksLikePath := strings.ContainsAny(arg, `/\`) || strings.HasSuffix(strings.ToLower(arg), ".toml")
	if !looksLikePath {
		if _, err := os.Lstat(arg); err != nil {
			for _, e := range embedded() {
				if strings.EqualFold(e.Name, arg) {
					return ParseMarket(e.file+" (embedded)", e.text)
				}
			}
			return nil, fmt.Errorf("%s: not a built-in market (%s) and no such file", market.QuoteShort(arg), embeddedNames())
		}
	}
	return LoadMarket(arg)
}

func embeddedNames() string {
	var names []string
	for _, e := range embedded() {
		names = append(names, e.Name)
	}
	return strings.Join(names, ", ")
}
