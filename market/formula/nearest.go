package formula

import "strings"

// Nearest is the candidate closest to name by edit distance, if it is
// close enough to be a likely typo ("" otherwise), for "did you mean".
func Nearest(name string, candidates []string) string {
	// A name that begins exactly one candidate ("tam" for "tam_usd").
	prefixed := ""
	for _, c := range candidates {
		if len(name) >= 2 && strings.HasPrefix(c, name) {
			if prefixed != "" {
				prefixed = "-"
				break
			}
			prefixed = c
		}
	}
	if prefixed != "" && prefixed != "-" {
		return prefixed
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(name)/3) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
