package market

import "slices"

// Quantile bracketing: exact order statistics of a column of samples
// without storing it (montecarlo_once.go). A pilot, the column's first
// samples, places around each group of wanted ranks (a percentile and
// the two ranks of its standard error) a bracket of values wide enough
// that the ranks fall inside it in the whole column all but never. The
// whole column then goes past the brackets once: samples between brackets
// are only counted, samples inside are collected. At the end the counts
// say which region of values holds each rank and its place there, and
// the rank is selected among the collected samples: the same sample that
// selection over the stored column finds. A rank that lands between
// brackets is reported missed, and the caller stores the column.
//
// Values are ordered as sortKey orders them (−0 before +0), so the
// answer is a function of the samples alone, as selector's is.

type regionKind uint8

const (
	gapRegion     regionKind = iota // counted only
	pointRegion                     // one value, counted
	collectRegion                   // its samples collected
)

// bracketPlan divides the keys of float32 values into regions: region i
// is bounds[i−1] ≤ key < bounds[i], the first starting at 0 and the last
// ending at 2³²; bounds ascend strictly and are at least 1.
type bracketPlan struct {
	bounds []uint64
	kind   []regionKind // by region
	value  []float32    // by region: a point region's one value
	// table is the region of each bucket of keys (the top 16 bits), or
	// mixed for a bucket a bound falls inside; nil when there are too
	// many regions for it.
	table   []uint8
	collect uint64        // bit r: region r collects
	pilot   columnTallies // what the pilot itself holds
	hint    []int         // by region: room to make for a worker's collected samples
}

// mixed marks a bucket of the table that more than one region shares.
const mixed = 0xff

// columnTallies is what one worker saw of a column: samples per region,
// and those of the collect regions.
type columnTallies struct {
	counts []int
	got    [][]float32
	stage  []float32 // scratch of tally
	tags   []uint8
}

// interval is a region of keys, start ≤ key < end.
type interval struct {
	start, end uint64
	kind       regionKind
	value      float32
}

// newBracketPlan places the brackets for ranks (1-based among n, in
// groups of three ascending: below, the percentile, above) from the
// pilot's samples.
func newBracketPlan(pilot []float32, ranks []int, n, workers int, sel *selector) *bracketPlan {
	pn := len(pilot)
	type span struct{ from, to int } // 0-based pilot ranks; may pass either end
	var spans []span
	for g := 0; g+2 < len(ranks); g += 3 {
		from, to := pilotRanks(ranks[g], ranks[g+2], n, pn)
		spans = append(spans, span{from, to})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from - b.from })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.from <= last.to {
			last.to = max(last.to, s.to)
			continue
		}
		merged = append(merged, s)
	}
	// The pilot's values at the spans' ends.
	var want []int
	for _, s := range merged {
		if s.from >= 0 {
			want = append(want, s.from+1)
		}
		if s.to < pn {
			want = append(want, s.to+1)
		}
	}
	vals := make([]float64, len(want))
	sel.orderStats(pilot, want, vals)
	ends := make([]float32, len(vals))
	for i, v := range vals {
		ends[i] = float32(v)
	}
	ties := countEqual(pilot, ends)
	var ivs []interval
	k := 0
	for _, s := range merged {
		iv := interval{start: 0, end: 1 << 32, kind: collectRegion}
		var lo, hi float32
		loTies, hiTies := 0, 0
		// A bracket reaching past the pilot's least (or greatest) sample
		// has no bound on that side (pilotRanks keeps from < pn, to ≥ 0).
		hasLo, hasHi := s.from >= 0, s.to < pn
		if hasLo {
			lo, loTies = ends[k], ties[k]
			iv.start = uint64(sortKey(lo))
			k++
		}
		if hasHi {
			hi, hiTies = ends[k], ties[k]
			iv.end = uint64(sortKey(hi)) + 1
			k++
		}
		ivs = appendBracket(ivs, iv, hasLo && loTies > 1, hasHi && hiTies > 1, lo, hi)
	}
	b := planOf(normalise(ivs))
	b.tally(&b.pilot, pilot)
	// Each worker of the rest may see about its share of the samples;
	// make room for a fifth more than the pilot's share of them.
	rest := float64(n-pn) / float64(max(workers, 1))
	b.hint = make([]int, len(b.kind))
	for r, c := range b.pilot.counts {
		if b.kind[r] == collectRegion {
			b.hint[r] = int(1.2*rest*float64(c)/float64(pn)) + 256
		}
	}
	return b
}

// appendBracket appends a bracket's intervals: a value the pilot repeats
// at either end becomes a point region of its own, so that a mass of
// equal samples (an output that is often exactly 0) is counted, not
// collected.
func appendBracket(ivs []interval, iv interval, pointLo, pointHi bool, lo, hi float32) []interval {
	if iv.start >= iv.end {
		return ivs
	}
	if iv.end-iv.start == 1 { // one value
		return append(ivs, interval{iv.start, iv.end, pointRegion, lo})
	}
	if pointLo {
		ivs = append(ivs, interval{iv.start, iv.start + 1, pointRegion, lo})
		iv.start++
	}
	var tail []interval
	if pointHi && iv.end-1 >= iv.start {
		tail = append(tail, interval{iv.end - 1, iv.end, pointRegion, hi})
		iv.end--
	}
	if iv.start < iv.end {
		ivs = append(ivs, iv)
	}
	return append(ivs, tail...)
}

// normalise joins overlapping intervals (brackets whose ends share a
// value) into one collect region; they arrive sorted by start.
func normalise(ivs []interval) []interval {
	var out []interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && iv.start < out[n-1].end {
			last := &out[n-1]
			last.end = max(last.end, iv.end)
			last.kind = collectRegion
			continue
		}
		out = append(out, iv)
	}
	return out
}

// planOf makes the regions: the intervals, and gaps between them, and
// the table of buckets.
func planOf(ivs []interval) *bracketPlan {
	b := &bracketPlan{}
	pos := uint64(0)
	add := func(start uint64, kind regionKind, v float32) {
		if start > 0 {
			b.bounds = append(b.bounds, start)
		}
		b.kind = append(b.kind, kind)
		b.value = append(b.value, v)
	}
	for _, iv := range ivs {
		if iv.start > pos {
			add(pos, gapRegion, 0)
		}
		add(iv.start, iv.kind, iv.value)
		pos = iv.end
	}
	if pos < 1<<32 {
		add(pos, gapRegion, 0)
	}
	if len(b.kind) >= 64 {
		return b // the loop over the bounds serves
	}
	for r, k := range b.kind {
		if k == collectRegion {
			b.collect |= 1 << r
		}
	}
	b.table = make([]uint8, 1<<bucketBits)
	r := 0 // the region of the bucket's first key
	for bucket := range b.table {
		first, last := uint64(bucket)<<(32-bucketBits), uint64(bucket+1)<<(32-bucketBits)-1
		for r < len(b.bounds) && b.bounds[r] <= first {
			r++
		}
		if r < len(b.bounds) && b.bounds[r] <= last {
			b.table[bucket] = mixed
		} else {
			b.table[bucket] = uint8(r)
		}
	}
	return b
}

// region is the region of key k.
func (b *bracketPlan) region(k uint64) int {
	r := 0
	for _, bd := range b.bounds {
		r += int((bd - 1 - k) >> 63) // 1 when k ≥ bd
	}
	return r
}

// countEqual counts the samples equal (as keys) to each of vals.
func countEqual(data, vals []float32) []int {
	counts := make([]int, len(vals))
	keys := make([]uint32, len(vals))
	for i, v := range vals {
		keys[i] = sortKey(v)
	}
	for _, x := range data {
		k := sortKey(x)
		for i, kv := range keys {
			if k == kv {
				counts[i]++
			}
		}
	}
	return counts
}

// tally adds col's samples to t: counted by region, collected in the
// collect regions. The table finds the region of all but the samples in
// a bucket a bound falls inside.
func (b *bracketPlan) tally(t *columnTallies, col []float32) {
	if t.counts == nil {
		t.counts = make([]int, len(b.kind))
		t.got = make([][]float32, len(b.kind))
		for r, h := range b.hint {
			if h > 0 {
				t.got[r] = make([]float32, 0, h)
			}
		}
	}
	counts := t.counts
	if b.table == nil {
		for _, x := range col {
			r := b.region(uint64(sortKey(x)))
			counts[r]++
			if b.kind[r] == collectRegion {
				t.got[r] = append(t.got[r], x)
			}
		}
		return
	}
	// The samples to collect go to a stage with their regions, without a
	// branch (most samples are only counted, at random), then to their
	// regions.
	t.stage = resize(t.stage, len(col))
	t.tags = resize(t.tags, len(col))
	stage, tags := t.stage[:len(col)], t.tags[:len(col)]
	table, collect := b.table[:1<<bucketBits], b.collect
	p := 0
	for _, x := range col {
		k := sortKey(x)
		r := int(table[k>>(32-bucketBits)])
		if r == mixed {
			r = b.region(uint64(k))
		}
		counts[r]++
		stage[p], tags[p] = x, uint8(r)
		p += int(collect >> r & 1)
	}
	for i, x := range stage[:p] {
		t.got[tags[i]] = append(t.got[tags[i]], x)
	}
}

// resolve stores in out[i] the ranks[i]-th smallest sample of the column
// whose tallies are parts, and reports false when a rank fell between
// brackets (out is then incomplete).
func (b *bracketPlan) resolve(parts []*columnTallies, ranks []int, out []float64, sel *selector) bool {
	regions := len(b.kind)
	below := 0
	var merged []float32
	var local []int
	var at []int
	var vals []float64
	for r := 0; r < regions; r++ {
		c := 0
		for _, p := range parts {
			c += p.counts[r]
		}
		local, at = local[:0], at[:0]
		for i, q := range ranks {
			if q > below && q <= below+c {
				local, at = append(local, q-below), append(at, i)
			}
		}
		if len(local) > 0 {
			switch b.kind[r] {
			case gapRegion:
				return false
			case pointRegion:
				for _, i := range at {
					out[i] = float64(b.value[r])
				}
			default:
				merged = merged[:0]
				for _, p := range parts {
					merged = append(merged, p.got[r]...)
				}
				vals = resize(vals, len(local))
				sel.orderStats(merged, local, vals)
				for k, i := range at {
					out[i] = vals[k]
				}
			}
		}
		below += c
	}
	return true
}
