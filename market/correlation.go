package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Correlations (DESIGN.md §11). A [[correlation]] says that two inputs
// move together: their Monte Carlo draws have the Spearman rank
// correlation asked. It is applied with a Gaussian copula on the draws'
// normal scores: each pair's rank ρ becomes the Pearson correlation
// r = 2·sin(π·ρ/6) of the standard normals behind the draws, the matrix of
// those is factored once (Cholesky, L·Lᵀ), and each sample's independent
// normals z for the correlated inputs become L·z before they are turned
// into values. Each input keeps its own distribution (its P5/P50/P95 do
// not move); only how the draws pair up changes. An input of kind months,
// drawn uniform, takes part through its normal score: its uniform u is
// Φ⁻¹(u), mixed, and Φ of the result, still uniform.

// MinRank and MaxRank bound a correlation's rank: ±1 would make two
// inputs one, which an input's own low and high say better.
const (
	MinRank = -0.99
	MaxRank = 0.99
)

// MaxCorrelations bounds a market's [[correlation]] tables.
const MaxCorrelations = 100

// Correlation is a [[correlation]] as the file writes it: two inputs
// (Between), or the items of one input with dims across one of its
// dimensions (Between[0] and Across), at a Spearman rank.
type Correlation struct {
	Between [2]string // the second is "" with Across
	Across  string    // a dimension's id, or ""
	Rank    float64   // Spearman, MinRank..MaxRank
	Source  string    // who says so; "" means an assumption
	Year    int
	URL     string
	Note    string
}

// Names is the correlation as a file writes it: "price ~ conversion",
// "households across region".
func (c *Correlation) Names() string {
	if c.Across != "" {
		return c.Between[0] + " across " + c.Across
	}
	return c.Between[0] + " ~ " + c.Between[1]
}

// FormatRank shows a rank with two decimals and a true minus: −0.50.
func FormatRank(r float64) string {
	return strings.Replace(fmt.Sprintf("%+.2f", r), "-", "−", 1)
}

// CorrelationLabel is correlation i as people read it, by the inputs'
// labels: "Price ~ Conversion", "Households across Region".
func (m *Market) CorrelationLabel(i int) string {
	c := &m.Correlations[i]
	label := func(name string) string {
		ids := m.LookupInputs(name)
		if len(ids) == 0 {
			return name
		}
		in := &m.Inputs[ids[0]]
		if len(ids) > 1 || c.Across != "" { // the family: its label without the item
			return strings.TrimSuffix(in.Label, " · "+m.ItemLabel(in.Dims, in.Items))
		}
		return in.Label
	}
	if c.Across != "" {
		across := c.Across
		if d := slices.IndexFunc(m.Dims, func(d Dimension) bool { return d.ID == c.Across }); d >= 0 {
			across = strings.ToLower(m.Dims[d].Label)
		}
		return label(c.Between[0]) + " across " + across
	}
	return label(c.Between[0]) + " ~ " + label(c.Between[1])
}

// CorrelatedPair is one pair of (flat) inputs drawn together at a rank;
// Of is the [[correlation]] it comes from.
type CorrelatedPair struct {
	A, B ID
	Rank float64
	Of   int
}

// CorrelationError is a [[correlation]] the market refuses: Index is its
// place in Market.Correlations, Field the key at fault ("between", "rank",
// "across"), and Other the earlier correlation it repeats (−1 for none).
type CorrelationError struct {
	Index int
	Field string
	Msg   string
	Other int
}

func (e *CorrelationError) Error() string {
	return fmt.Sprintf("correlation %d: %s: %s", e.Index+1, e.Field, e.Msg)
}

// CorrelatedPairs checks the market's correlations and lists the pairs of
// inputs they correlate, in file order. Refused: a name that is not an
// input, an input that is never drawn, an input with itself, a pair given
// twice, a rank outside MinRank..MaxRank, an across that is not one of the
// input's dimensions, and a set of ranks no joint distribution can have
// (the matrix is not positive definite), naming the correlation to change.
func (m *Market) CorrelatedPairs() ([]CorrelatedPair, error) {
	if len(m.Correlations) > MaxCorrelations {
		return nil, &CorrelationError{Index: MaxCorrelations, Field: "correlation", Other: -1,
			Msg: fmt.Sprintf("%d correlations; a market has at most %d", len(m.Correlations), MaxCorrelations)}
	}
	var pairs []CorrelatedPair
	seen := map[[2]ID]int{}
	for i := range m.Correlations {
		ps, err := m.expandCorrelation(i)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			k := [2]ID{min(p.A, p.B), max(p.A, p.B)}
			if j, ok := seen[k]; ok {
				return nil, &CorrelationError{Index: i, Field: "between", Other: j,
					Msg: fmt.Sprintf("%s ~ %s is given twice; keep one correlation for a pair", m.Inputs[p.A].Name, m.Inputs[p.B].Name)}
			}
			seen[k] = i
		}
		pairs = append(pairs, ps...)
	}
	if err := m.checkDefinite(pairs); err != nil {
		return nil, err
	}
	return pairs, nil
}

// expandCorrelation checks correlation i on its own and lists its pairs.
func (m *Market) expandCorrelation(i int) ([]CorrelatedPair, error) {
	c := &m.Correlations[i]
	fail := func(field, format string, args ...any) error {
		return &CorrelationError{Index: i, Field: field, Other: -1, Msg: fmt.Sprintf(format, args...)}
	}
	if !(c.Rank >= MinRank && c.Rank <= MaxRank) {
		return nil, fail("rank", "%v is not accepted; a rank (Spearman) is from %v to %v", c.Rank, MinRank, MaxRank)
	}
	if c.Across != "" {
		return m.expandAcross(i, fail)
	}
	if c.Between[0] == "" || c.Between[1] == "" {
		return nil, fail("between", "give two inputs, between = [\"price\", \"conversion\"], or one input with dims and across = \"<dimension>\"")
	}
	var sides [2][]ID
	for k, name := range c.Between {
		ids, err := m.correlatedInputs(name, fail)
		if err != nil {
			return nil, err
		}
		sides[k] = ids
	}
	a, b := sides[0], sides[1]
	switch {
	case len(a) == 1 && len(b) == 1:
		if a[0] == b[0] {
			return nil, fail("between", "%s is named twice; a correlation is between two different inputs", QuoteShort(c.Between[0]))
		}
		return []CorrelatedPair{{A: a[0], B: b[0], Rank: c.Rank, Of: i}}, nil
	case len(a) == len(b) && slices.Equal(m.Inputs[a[0]].Dims, m.Inputs[b[0]].Dims) && len(m.Inputs[a[0]].Dims) > 0:
		if a[0] == b[0] {
			return nil, fail("between", "%s is named twice; to correlate its items with each other give it once with across = \"<dimension>\"", QuoteShort(c.Between[0]))
		}
		pairs := make([]CorrelatedPair, len(a))
		for k := range a { // item with the same item
			pairs[k] = CorrelatedPair{A: a[k], B: b[k], Rank: c.Rank, Of: i}
		}
		return pairs, nil
	}
	return nil, fail("between", "%s and %s do not have the same dims; name one item of each (%s), or two inputs split the same way, whose items are then paired item by item",
		QuoteShort(c.Between[0]), QuoteShort(c.Between[1]), m.Inputs[a[0]].Name)
}

// expandAcross lists the pairs of items of one input that differ only in
// their item of the dimension Across.
func (m *Market) expandAcross(i int, fail func(field, format string, args ...any) error) ([]CorrelatedPair, error) {
	c := &m.Correlations[i]
	if c.Between[1] != "" {
		return nil, fail("between", "with across give one input, between = [%q]: its items are correlated with each other", c.Between[0])
	}
	ids, err := m.correlatedInputs(c.Between[0], fail)
	if err != nil {
		return nil, err
	}
	first := &m.Inputs[ids[0]]
	if first.Family == "" {
		return nil, fail("across", "%s has no dims; across correlates the items of an input with dims", QuoteShort(c.Between[0]))
	}
	if len(ids) == 1 || first.Family != c.Between[0] {
		return nil, fail("between", "%s is one item; with across give the input's id, %q", QuoteShort(c.Between[0]), first.Family)
	}
	d := slices.IndexFunc(m.Dims, func(d Dimension) bool { return d.ID == c.Across })
	pos := slices.Index(first.Dims, d)
	if d < 0 || pos < 0 {
		var own []string
		for _, k := range first.Dims {
			own = append(own, m.Dims[k].ID)
		}
		return nil, fail("across", "%s", UnknownName(c.Across, "a dimension of "+first.Family, own))
	}
	var pairs []CorrelatedPair
	for x, a := range ids {
		for _, b := range ids[x+1:] {
			if sameBut(m.Inputs[a].Items, m.Inputs[b].Items, pos) {
				pairs = append(pairs, CorrelatedPair{A: a, B: b, Rank: c.Rank, Of: i})
			}
		}
	}
	return pairs, nil
}

// sameBut reports whether two items differ in place pos only.
func sameBut(a, b []int, pos int) bool {
	for k := range a {
		if (k == pos) == (a[k] == b[k]) {
			return false
		}
	}
	return true
}

// correlatedInputs finds the inputs a correlation names (an input, an
// item, or every item of an input with dims) and checks each is drawn.
func (m *Market) correlatedInputs(name string, fail func(field, format string, args ...any) error) ([]ID, error) {
	ids := m.LookupInputs(name)
	if len(ids) == 0 {
		return nil, fail("between", "%s", UnknownName(name, "an input", m.SettableNames()))
	}
	for _, id := range ids {
		if why := m.neverDrawn(id); why != "" {
			return nil, fail("between", "%s is never drawn (%s), so it has nothing to correlate; correlate inputs of kind amount, growth, share or months", QuoteShort(name), why)
		}
	}
	return ids, nil
}

// neverDrawn says why Monte Carlo never draws input id, or "" when it may.
func (m *Market) neverDrawn(id ID) string {
	in := &m.Inputs[id]
	switch {
	case !in.Kind.Uncertain():
		return "it is of kind " + in.Kind.String() + ", held at its value"
	case in.Low == in.High:
		return "its low and high are equal"
	}
	return ""
}

// pearson is the correlation of the normal scores that gives Spearman
// rank rho under a Gaussian copula.
func pearson(rho float64) float64 { return 2 * math.Sin(math.Pi*rho/6) }

// spearman is pearson's inverse.
func spearman(r float64) float64 { return 6 / math.Pi * math.Asin(r/2) }

// corrMatrix is the correlation matrix of the pairs' normal scores over
// vars (the inputs in order), with correlation of's rank replaced by rank
// when of ≥ 0.
func corrMatrix(pairs []CorrelatedPair, vars map[ID]int, of int, rank float64) []float64 {
	n := len(vars)
	a := make([]float64, n*n)
	for k := 0; k < n; k++ {
		a[k*n+k] = 1
	}
	for _, p := range pairs {
		rho := p.Rank
		if p.Of == of {
			rho = rank
		}
		i, j := vars[p.A], vars[p.B]
		a[i*n+j], a[j*n+i] = pearson(rho), pearson(rho)
	}
	return a
}

// minPivot is the smallest Cholesky pivot accepted: below it the ranks
// leave (almost) no room for the last input to vary on its own.
const minPivot = 1e-9

// cholesky factors the n×n matrix a (row-major) as L·Lᵀ in place of its
// lower triangle, and returns the row whose pivot failed, or −1.
func cholesky(a []float64, n int) int {
	for j := 0; j < n; j++ {
		for i := j; i < n; i++ {
			s := a[i*n+j]
			for k := 0; k < j; k++ {
				s -= a[i*n+k] * a[j*n+k]
			}
			if i == j {
				if !(s > minPivot) {
					return j
				}
				a[j*n+j] = math.Sqrt(s)
				continue
			}
			a[i*n+j] = s / a[j*n+j]
		}
	}
	for i := 0; i < n; i++ { // clear the upper triangle
		for j := i + 1; j < n; j++ {
			a[i*n+j] = 0
		}
	}
	return -1
}

// checkDefinite refuses ranks that no joint distribution can have: their
// matrix is not positive definite. It names the correlation whose rank
// needs the smallest change to make the set hold (the last such in the
// file), and the range that rank must keep to with the others as given.
func (m *Market) checkDefinite(pairs []CorrelatedPair) error {
	vars := map[ID]int{}
	for _, p := range pairs {
		for _, id := range [2]ID{p.A, p.B} {
			if _, ok := vars[id]; !ok {
				vars[id] = len(vars)
			}
		}
	}
	n := len(vars)
	failed := cholesky(corrMatrix(pairs, vars, -1, 0), n)
	if failed < 0 {
		return nil
	}
	best, lo, hi, change := -1, 0.0, 0.0, math.Inf(1)
	if n <= maxDiagnosed {
		for i := range m.Correlations {
			l, h, ok := feasibleRanks(pairs, vars, i)
			if !ok {
				continue
			}
			r := m.Correlations[i].Rank
			// On a tie the later one: the set held before it was added.
			if d := math.Max(l-r, r-h); d <= change+1e-9 {
				best, lo, hi, change = i, l, h, d
			}
		}
	}
	const why = "these ranks cannot all hold at once (their correlation matrix is not positive definite)"
	if best >= 0 {
		c := &m.Correlations[best]
		return &CorrelationError{Index: best, Field: "rank", Other: -1,
			Msg: fmt.Sprintf("%s at %s: %s; change this one: with the other correlations as given, its rank must lie from %s to %s",
				c.Names(), FormatRank(c.Rank), why, FormatRank(lo), FormatRank(hi))}
	}
	// No one rank alone mends it (or too many inputs to try): name the
	// strongest correlation of the input whose pivot failed.
	worst := -1
	for _, p := range pairs {
		if (vars[p.A] == failed || vars[p.B] == failed) && (worst < 0 || math.Abs(p.Rank) > math.Abs(m.Correlations[worst].Rank)) {
			worst = p.Of
		}
	}
	c := &m.Correlations[worst]
	return &CorrelationError{Index: worst, Field: "rank", Other: -1,
		Msg: fmt.Sprintf("%s at %s: %s; no one rank alone mends them: weaken this one and the others of its inputs", c.Names(), FormatRank(c.Rank), why)}
}

// maxDiagnosed bounds the inputs for which checkDefinite tries each
// correlation's rank in turn (a few hundred factorisations of at most
// 64×64 each, well under a second).
const maxDiagnosed = 64

// feasibleRanks is the range of ranks (to two decimals, inside
// MinRank..MaxRank) correlation of may take with the others as given, if
// any. The ranks that hold form one interval (the positive definite
// matrices are convex): a coarse scan finds a point inside it, bisection
// its ends.
func feasibleRanks(pairs []CorrelatedPair, vars map[ID]int, of int) (lo, hi float64, ok bool) {
	n := len(vars)
	holds := func(r float64) bool { return cholesky(corrMatrix(pairs, vars, of, r), n) < 0 }
	inside := math.NaN()
	for r := MinRank; r <= MaxRank+1e-9; r += 0.03 {
		if holds(r) {
			inside = r
			break
		}
	}
	if math.IsNaN(inside) {
		return 0, 0, false
	}
	edge := func(out float64) float64 { // the end between inside and out
		in := inside
		if holds(out) {
			return out
		}
		for range 30 {
			mid := (in + out) / 2
			if holds(mid) {
				in = mid
			} else {
				out = mid
			}
		}
		return in
	}
	lo, hi = math.Ceil(edge(MinRank)*100-1e-9)/100, math.Floor(edge(MaxRank)*100+1e-9)/100
	return lo, hi, lo <= hi
}

// mixer makes the kept standard draws of the correlated inputs correlated:
// per sample, their normals z become L·z (a uniform, through its normal
// score). It is worked out once per engine, from the draw layout.
type mixer struct {
	slots   []int     // the columns mixed
	uniform []bool    // by place: the column holds uniforms (months)
	l       []float64 // Cholesky factor, len(slots)² row-major, lower
}

// newMixer is the mixer for the pairs whose inputs both have draws in
// layout l; nil when there is nothing to mix.
func newMixer(pairs []CorrelatedPair, l *drawLayout) *mixer {
	vars := map[ID]int{}
	var x mixer
	var kept []CorrelatedPair
	for _, p := range pairs {
		if l.slot[p.A] < 0 || l.slot[p.B] < 0 { // not drawn: nothing it pairs with is read
			continue
		}
		kept = append(kept, p)
		for _, id := range [2]ID{p.A, p.B} {
			if _, ok := vars[id]; !ok {
				vars[id] = len(vars)
				x.slots = append(x.slots, l.slot[id])
				x.uniform = append(x.uniform, !l.normal[l.slot[id]])
			}
		}
	}
	if len(kept) == 0 {
		return nil
	}
	x.l = corrMatrix(kept, vars, -1, 0)
	if cholesky(x.l, len(vars)) >= 0 {
		return nil // refused at load; a market built in Go may still get here
	}
	return &x
}

// apply mixes chunk c of the draws in place.
func (x *mixer) apply(d *draws, c int) {
	if x == nil {
		return
	}
	k := len(x.slots)
	cols := make([][]float64, k)
	for j, slot := range x.slots {
		cols[j] = d.column(c, slot)
		if x.uniform[j] {
			toNormal(cols[j])
		}
	}
	// Row j of L·z reads z_0..z_j: from the last row up, each column is
	// rewritten after every row below it has read it.
	for j := k - 1; j >= 0; j-- {
		dst, row := cols[j], x.l[j*k:j*k+j+1]
		if row[j] != 1 { // the first input of a pair keeps its draws
			scale(dst, row[j])
		}
		for m := 0; m < j; m++ {
			if w := row[m]; w != 0 {
				axpy(dst, w, cols[m])
			}
		}
	}
	for j := range cols {
		if x.uniform[j] {
			toUniform(cols[j])
		}
	}
}

func scale(dst []float64, w float64) {
	for i := range dst {
		dst[i] *= w
	}
}

func axpy(dst []float64, w float64, src []float64) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += w * v
	}
}

// toNormal turns uniforms on [0,1) into their standard normal scores.
func toNormal(u []float64) {
	for i, v := range u {
		v = min(max(v, 0x1p-53), 1-0x1p-53)
		u[i] = math.Sqrt2 * math.Erfinv(2*v-1)
	}
}

// toUniform is toNormal's inverse, Φ: normal scores back to uniforms
// below 1.
func toUniform(z []float64) {
	for i, v := range z {
		z[i] = min(0.5*math.Erfc(-v/math.Sqrt2), 1-0x1p-53)
	}
}
