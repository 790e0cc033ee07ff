// Package cli is sizeup's command line: the table of commands, their flags
// and usage, and what each one runs (the interactive app, report, inputs,
// render, markets, new). main only calls Run.
//
// Libraries say what is wrong; this package adds which flag carried it.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"sizeup/data/markets"
	"sizeup/market"
)

// command is one line of the command table: the dispatcher, the top-level
// usage and the unknown-command error all read it, so a command is listed
// once.
type command struct {
	name    string // "" for the interactive app, run when no command is given
	args    string // what follows the name in the usage: "[flags]", "FILE"
	summary string // one line for sizeup -h
	run     func(e env, args []string) error
}

// env is what every command writes to, and the version it reports.
type env struct {
	stdout, stderr io.Writer
	version        string
}

// commands is the table, in the order sizeup -h lists them. It is a
// function, not a variable, because the app's usage reads the table.
func commands() []command {
	return []command{
		{"", "[flags]", "open the interactive app (needs a terminal)", runApp},
		{"report", "[flags]", "print the yearly projection (table, csv, json)", runReport},
		{"inputs", "[flags]", "list the inputs with value, range, unit and source", runInputs},
		{"export", "[flags]", "write -o FILE.xlsx: an Excel workbook whose figures are live formulas", runExport},
		{"render", "[flags]", "draw a view or chart to a file: txt, ansi, svg, png, deck-png, deck-svg", runRender},
		{"markets", "", "list the built-in markets (--market NAME opens one)", runMarkets},
		{"new", "FILE", "write a working template market to FILE, to make your own", runNew},
	}
}

// errUsage marks a mistake on the command line: exit status 2, as flag does.
var errUsage = errors.New("usage")

// Run is the program without os.Exit, so tests can drive it: it runs the
// command args name and returns the exit status.
func Run(args []string, stdout, stderr io.Writer, version string) int {
	name, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, rest = args[0], args[1:]
	}
	cmd, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "sizeup: %s is not a command; the commands are %s (sizeup -h for help)\n", market.QuoteShort(name), commandNames())
		return 2
	}
	return exitStatus(cmd.run(env{stdout, stderr, version}, rest), stderr)
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// exitStatus prints err, if it is one to print, and says how to exit.
func exitStatus(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	// Errors quote files, keys and flags: nothing in them may drive the
	// terminal.
	fmt.Fprintln(stderr, "sizeup:", markets.EscapeControls(err.Error()))
	return 1
}

// commandNames is "report, inputs, render, markets and new".
func commandNames() string {
	var names []string
	for _, c := range commands() {
		if c.name != "" {
			names = append(names, c.name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "") // one name, or none
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// topUsage is sizeup -h: what sizeup is, then a line per command.
func topUsage() string {
	var b strings.Builder
	b.WriteString(`sizeup sizes a market: China's online-video market in 2015 as a foreign
streaming service saw it, with what-if sliders over every assumption.

Usage:
`)
	for _, c := range commands() {
		synopsis := strings.Join(strings.Fields("sizeup "+c.name+" "+c.args), " ")
		fmt.Fprintf(&b, "  %-31s%s\n", synopsis, c.summary)
	}
	b.WriteString("\nRun 'sizeup report -h' for a command's flags.\n")
	return b.String()
}
