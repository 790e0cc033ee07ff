package cli

import (
	"fmt"

	"sizeup/market"
	"sizeup/market/report"
)

const inputsUsage = `Usage: sizeup inputs [flags]

Lists every input with its value, plausible range, unit and source.
`

func runInputs(e env, args []string) error {
	var c common
	format := "table"
	fs := newFlagSet("inputs", inputsUsage, e.stderr)
	c.register(fs)
	fs.StringVar(&format, "format", format, "`table` or json")
	if done, err := c.parse(fs, args, e); done || err != nil {
		return err
	}
	if err := c.refuse("inputs", "it lists the inputs and runs no Monte Carlo (report --uncertainty and the app do)", "samples", "seed"); err != nil {
		return err
	}
	m, v, cur, err := c.load()
	if err != nil {
		return err
	}
	switch format {
	case "table":
		return report.InputsTable(e.stdout, m, &v, cur)
	case "json":
		return report.InputsJSON(e.stdout, m, &v)
	}
	return fmt.Errorf("--format %s: give table or json", market.QuoteShort(format))
}
