package cli

import (
	"fmt"
	"text/tabwriter"

	"sizeup/data/markets"
	"sizeup/market"
)

const marketsUsage = `Usage: sizeup markets

Lists the markets built into sizeup: open one with --market NAME, or copy
one with 'sizeup new FILE' and a market of your own.
`

func runMarkets(e env, args []string) error {
	fs := newFlagSet("sizeup markets", marketsUsage, e.stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "sizeup markets: unexpected argument %s\n", market.QuoteShort(fs.Arg(0)))
		return errUsage
	}
	list, ms, err := markets.EmbeddedMarkets()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tMARKET\tYEARS\tINPUTS\tSERIES\tMONEY")
	for i, entry := range list {
		m := ms[i]
		money := "USD"
		if m.HasLocal() {
			money += ", " + m.Local.Code
		}
		name := entry.Name
		if i == 0 {
			name += " (default)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d–%d\t%d\t%d\t%s\n", name, m.Name, m.BaseYear, m.LastYear(), len(m.Inputs), len(m.Series), money)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nOpen one with --market NAME, e.g. sizeup --market "+list[len(list)-1].Name+"; write your own with sizeup new FILE.")
	return nil
}
