// Package data holds the files built into sizeup, exactly as written: the
// market files of the built-in markets (china-2015.toml, the default,
// india-2016.toml and europe-heatpumps-2021.toml) and template.toml, the market `sizeup new` writes. They
// sit beside this file, so a reader finds data/china-2015.toml where the
// README says it is. Reading them is other packages' work: data/markets
// parses market files, data/scenarios stores scenarios.
package data

import (
	"embed"
	"fmt"
)

//go:embed china-2015.toml india-2016.toml europe-heatpumps-2021.toml template.toml
var files embed.FS

// The embedded files' names.
const (
	ChinaFile    = "china-2015.toml" // the default market
	IndiaFile    = "india-2016.toml"
	EuropeFile   = "europe-heatpumps-2021.toml" // one dimension (country), a table, homes
	TemplateFile = "template.toml"              // not a built-in market: a start for one
)

// MarketFiles are the built-in markets' files, the default first.
func MarketFiles() []string { return []string{ChinaFile, IndiaFile, EuropeFile} }

// File is a copy of an embedded file's text, so no caller can change what
// another reads. A name that is not embedded is a mistake in sizeup
// itself, which the tests rule out, so it panics.
func File(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("data: %s is not embedded", name))
	}
	return b
}
