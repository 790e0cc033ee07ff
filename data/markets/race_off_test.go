//go:build !race

package markets

const raceEnabled = false
