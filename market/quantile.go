package market

import (
	"math"
	"slices"
)

// How Monte Carlo percentiles and their errors are defined. This is the one
// place that says so; everything else calls rankOf and seRanks.
//
// Percentile: the p-th percentile of n samples is the ⌈p·n⌉-th smallest
// sample (Hyndman & Fan type 1, the inverse of the empirical distribution
// function). It is always one of the samples, never an interpolation, so
// doubling every sample doubles it exactly.
//
// Standard error: distribution-free, from order statistics. The rank of the
// sample p-quantile among n draws has a standard deviation of
// d = √(n·p·(1−p)) ranks, so the order statistics d ranks either side of
// ⌈p·n⌉ bracket about ±1 standard error. The reported error is half the
// distance between them: (x₍ₖ₊d₎ − x₍ₖ₋d₎)/2 with d rounded up and the
// ranks kept within 1..n. For a smooth density f it approaches the textbook
// √(p(1−p)/n)/f(x_p) without knowing f.

// rankOf is the 1-based rank of the p-th percentile among n samples: ⌈p·n⌉,
// kept within 1..n. The small allowance keeps 0.95·100000 at 95000 when the
// product lands a hair above the integer.
func rankOf(p float64, n int) int {
	k := int(math.Ceil(p*float64(n) - 1e-9))
	return min(max(k, 1), n)
}

// seRanks are the ranks either side of the p-th percentile whose half
// distance is its standard error.
func seRanks(p float64, n int) (below, above int) {
	k := rankOf(p, n)
	d := int(math.Ceil(math.Sqrt(float64(n) * p * (1 - p))))
	return max(k-d, 1), min(k+d, n)
}

// selector finds exact order statistics of float32 samples without sorting
// them and without changing them. It keeps its scratch between calls; one
// selector serves one goroutine at a time.
//
// Method: one pass counts the samples into 65,536 buckets by the top 16 bits
// of an order-preserving key (sign, exponent and 7 mantissa bits, so a bucket
// spans under 1% of a value); walking the counts finds the bucket holding
// each wanted rank. A second pass copies only the samples in those buckets,
// usually a few hundred, and a quickselect on that copy finds the ranks. Two
// linear passes instead of the ~n·log n comparisons of a sort.
type selector struct {
	hist []uint32 // bucket counts; all zero between calls
	buf  []float32

	// per call, one entry per wanted rank
	bucket []uint32
	below  []int // samples in buckets before the rank's bucket
	upto   []int // samples up to and including the rank's bucket

	groups []group
	want   []int
	pos    []int
	order  []int
	ranks  []int
	vals   []float64
}

// group is a run of adjacent buckets holding one or more wanted ranks,
// collected together.
type group struct {
	lo, hi     uint32 // buckets, inclusive
	below      int    // samples in buckets before lo
	off, count int    // where its samples go in buf
	first, end int    // the wanted ranks it holds: ranks[first:end]
}

const bucketBits = 16

// sortKey maps a float32 to a uint32 that sorts the same way (negative
// numbers have every bit flipped, others just the sign bit).
func sortKey(x float32) uint32 {
	b := math.Float32bits(x)
	mask := uint32(int32(b)>>31) | 0x80000000
	return b ^ mask
}

// orderStats stores in out[j] the ranks[j]-th smallest of data (1-based,
// within 1..len(data), in any order).
func (s *selector) orderStats(data []float32, wanted []int, out []float64) {
	if len(wanted) == 0 {
		return
	}
	// Work on the ranks in ascending order; order[j] says where the j-th
	// smallest rank came from.
	s.order = s.order[:0]
	for j := range wanted {
		s.order = append(s.order, j)
	}
	slices.SortStableFunc(s.order, func(a, b int) int { return wanted[a] - wanted[b] })
	s.ranks = s.ranks[:0]
	for _, j := range s.order {
		s.ranks = append(s.ranks, wanted[j])
	}
	ranks := s.ranks
	if len(s.vals) < len(ranks) {
		s.vals = make([]float64, len(ranks))
	}
	sorted := s.vals[:len(ranks)]
	s.find(data, ranks, sorted)
	for j, at := range s.order {
		out[at] = sorted[j]
	}
}

// find stores in out[j] the ranks[j]-th smallest of data, ranks ascending:
// count the samples per bucket, find each rank's bucket, group nearby
// ranks, copy out their buckets' samples and select within each group.
func (s *selector) find(data []float32, ranks []int, out []float64) {
	if len(s.hist) != 1<<bucketBits {
		s.hist = make([]uint32, 1<<bucketBits)
	}
	lo, hi := s.count(data)

	// Every sample in one bucket and all equal (a year before launch, a
	// pinned run): nothing to select.
	if lo == hi {
		s.hist[lo] = 0
		if allEqual(data) {
			for j := range ranks {
				out[j] = float64(data[0])
			}
			return
		}
		s.hist[lo] = uint32(len(data))
	}
	s.locate(ranks, lo, hi)
	total := s.group(ranks, max(4096, len(data)/64))
	buf := s.gather(data, total)
	s.selectGroups(buf, ranks, out)
}

// count is pass 1: it counts the samples per bucket into hist and returns
// the lowest and highest bucket used.
func (s *selector) count(data []float32) (lo, hi uint32) {
	h := s.hist
	lo, hi = uint32(1<<bucketBits-1), uint32(0)
	for _, x := range data {
		k := sortKey(x) >> (32 - bucketBits)
		h[k]++
		lo = min(lo, k)
		hi = max(hi, k)
	}
	return lo, hi
}

// locate finds each rank's bucket and the samples before and up to it,
// then zeroes the counts for the next call.
func (s *selector) locate(ranks []int, lo, hi uint32) {
	h := s.hist
	s.bucket = s.bucket[:0]
	s.below = s.below[:0]
	s.upto = s.upto[:0]
	cum, j := 0, 0
	for b := lo; b <= hi && j < len(ranks); b++ {
		c := int(h[b])
		for j < len(ranks) && ranks[j] <= cum+c {
			s.bucket = append(s.bucket, b)
			s.below = append(s.below, cum)
			s.upto = append(s.upto, cum+c)
			j++
		}
		cum += c
	}
	clear(h[lo : hi+1])
}

// group gathers ranks whose buckets are close, so the samples between them
// are copied once; a new group starts when joining would copy more than
// limit samples. It places the groups one after another and returns how
// many samples they hold.
func (s *selector) group(ranks []int, limit int) (total int) {
	s.groups = s.groups[:0]
	for j := range ranks {
		if n := len(s.groups); n > 0 {
			g := &s.groups[n-1]
			if s.bucket[j] == g.hi || s.upto[j]-g.below <= limit {
				g.hi = s.bucket[j]
				g.count = s.upto[j] - g.below
				g.end = j + 1
				continue
			}
		}
		s.groups = append(s.groups, group{lo: s.bucket[j], hi: s.bucket[j], below: s.below[j],
			count: s.upto[j] - s.below[j], first: j, end: j + 1})
	}
	for i := range s.groups {
		s.groups[i].off = total
		total += s.groups[i].count
	}
	return total
}

// gather is pass 2: it copies the samples of each group's buckets into
// buf, group after group. The emptied counts become a table from bucket
// to group number + 1, so each sample costs one look-up whatever the
// number of groups.
func (s *selector) gather(data []float32, total int) []float32 {
	if cap(s.buf) < total {
		s.buf = make([]float32, total)
	}
	buf := s.buf[:total]
	h := s.hist
	for i, g := range s.groups {
		for b := g.lo; b <= g.hi; b++ {
			h[b] = uint32(i + 1)
		}
	}
	s.pos = s.pos[:0]
	for _, g := range s.groups {
		s.pos = append(s.pos, g.off)
	}
	pos := s.pos
	for _, x := range data {
		if gi := h[sortKey(x)>>(32-bucketBits)]; gi != 0 {
			buf[pos[gi-1]] = x
			pos[gi-1]++
		}
	}
	for _, g := range s.groups {
		clear(h[g.lo : g.hi+1])
	}
	return buf
}

// selectGroups finds the ranks within each group's copied samples.
func (s *selector) selectGroups(buf []float32, ranks []int, out []float64) {
	for _, g := range s.groups {
		seg := buf[g.off : g.off+g.count]
		want := s.want[:0]
		for j := g.first; j < g.end; j++ {
			want = append(want, ranks[j]-g.below-1) // 0-based within seg
		}
		s.want = want
		selectRanks(seg, 0, len(seg), want)
		for j := g.first; j < g.end; j++ {
			out[j] = float64(signedZero(seg, ranks[j]-g.below-1))
		}
	}
}

// signedZero is seg[k] after selection, with a zero given the sign the
// k-th smallest has in sortKey's order (−0 before +0): selection compares
// floats, for which the two are equal, so either may land at k.
func signedZero(seg []float32, k int) float32 {
	x := seg[k]
	if x != 0 {
		return x
	}
	before := 0 // samples below +0 in key order: negatives and −0
	for _, v := range seg {
		if sortKey(v) < sortKey(0) {
			before++
		}
	}
	if k < before {
		return float32(math.Copysign(0, -1))
	}
	return 0
}

// allEqual reports whether every sample has the same bits (so −0 and +0
// differ).
func allEqual(data []float32) bool {
	first := math.Float32bits(data[0])
	for _, x := range data {
		if math.Float32bits(x) != first {
			return false
		}
	}
	return true
}

// selectRanks reorders a[lo:hi] so that a[k] is the k-th smallest of the
// whole slice for every k in ks (ascending, within lo..hi-1): the middle rank
// first, then the others in the two parts it leaves.
func selectRanks(a []float32, lo, hi int, ks []int) {
	if len(ks) == 0 {
		return
	}
	if hi-lo <= 32 {
		slices.Sort(a[lo:hi])
		return
	}
	m := len(ks) / 2
	k := ks[m]
	quickselect(a[lo:hi], k-lo)
	left, right := ks[:m], ks[m+1:]
	for len(left) > 0 && left[len(left)-1] >= k {
		left = left[:len(left)-1]
	}
	for len(right) > 0 && right[0] <= k {
		right = right[1:]
	}
	selectRanks(a, lo, k, left)
	selectRanks(a, k+1, hi, right)
}

// quickselect reorders a so that a[k] is the k-th smallest, everything
// before it no larger and everything after no smaller (Hoare partition,
// median-of-three pivot; equal keys split evenly, so runs of ties stay
// linear).
func quickselect(a []float32, k int) {
	lo, hi := 0, len(a)-1
	for hi-lo > 16 {
		mid := lo + (hi-lo)/2
		// median of three into a[mid]
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		pivot := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < pivot {
				i++
			}
			for pivot < a[j] {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		// now a[lo..j] ≤ pivot ≤ a[i..hi], and a[j+1..i-1] == pivot
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
	slices.Sort(a[lo : hi+1])
}
