//go:build race

package markets

// raceEnabled: the race detector makes sync.Pool drop what is put back.
const raceEnabled = true
