// Command sizeup is a market-sizing terminal UI. Its first market, embedded
// as the default, is China's online-video market in 2015 as a foreign
// streaming service saw it. The commands, their flags and what they run
// live in package sizeup/internal/cli; run `sizeup -h` for the list.
package main

// The README's pictures are made by sizeup itself; go generate ./... makes
// them again, and TestScreenshotsAreCurrent fails when they are stale.
//
//go:generate go run . render --view dashboard --size 160x48 --format png -o docs/dashboard.png
//go:generate go run . render --view uncertainty --size 160x48 --format png -o docs/uncertainty.png
//go:generate go run . render --view sensitivity --size 160x40 --format png -o docs/sensitivity.png
//go:generate go run . render --view compare --compare base,bull,bear --size 160x48 --format png -o docs/compare.png
//go:generate go run . render --view projection --presentation --hindsight --size 120x36 --format png --theme light -o docs/projection-light.png
//go:generate go run . render --view projection --size 120x36 --format deck-png -o docs/projection-deck.png
//go:generate go run . render --market india-2016 --view dashboard --size 160x48 --format png -o docs/india-dashboard.png
//go:generate go run . render --market europe-heatpumps-2021 --view dashboard --size 160x48 --format png -o docs/europe-dashboard.png

import (
	"os"

	"sizeup/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, version))
}
