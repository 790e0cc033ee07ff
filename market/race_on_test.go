//go:build race

package market

// raceEnabled: the race detector slows everything down many times, so
// timing checks are skipped under it.
const raceEnabled = true
