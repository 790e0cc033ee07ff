package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"sizeup/data/markets"
	"sizeup/internal/atomicfile"
)

const newUsage = `Usage: sizeup new FILE

Writes a small working market to FILE (a new file; an existing one is
kept): inputs with ranges and room for sources, a funnel written as
formulas, what the screens show and a check. 'sizeup report --market FILE'
and 'sizeup --market FILE' run it as written; the app reloads it whenever
it is saved, so it can be edited beside the running app.
`

func runNew(e env, args []string) error {
	flags := newFlagSet("sizeup new", newUsage, e.stderr)
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		fmt.Fprint(e.stderr, newUsage)
		return errUsage
	}
	path := flags.Arg(0)
	err := atomicfile.Write(path, atomicfile.Options{NoClobber: true, Example: "market.toml"}, func(w io.Writer) error {
		_, err := w.Write(markets.Template())
		return err
	})
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists and was kept; give a new file name", path)
		}
		if _, ok := errors.AsType[*atomicfile.MissingDirError](err); ok {
			return fmt.Errorf("%w, so create it first or give FILE in a folder that exists", err)
		}
		return err
	}
	// The name is the user's and may hold control characters (an OSC 52
	// clipboard write): it is shown escaped, as every error shows it.
	shown := markets.EscapeControls(path)
	fmt.Fprintf(e.stdout, "Wrote %s: a working market to make your own.\nTry: sizeup report --market %s   or open it: sizeup --market %s\n", shown, shown, shown)
	return nil
}
