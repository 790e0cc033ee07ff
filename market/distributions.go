package market

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dist is how Monte Carlo draws an input about its low, default and high
// (DESIGN.md §11). By default (DistKind) low, default and high are its P5,
// P50 and P95 exactly, in the space its kind names: a two-piece normal in
// log space for amounts, in log(1 + r) for growth and in logit space for
// shares; months are uniform on each side of the default, low and high the
// bounds and the default the median. A file may choose another.
type Dist int

const (
	DistKind       Dist = iota // by kind, as above
	DistNormal                 // two-piece normal in the value itself: P5, P50, P95
	DistLognormal              // two-piece normal in log space (log(1 + r) for growth): P5, P50, P95
	DistTriangular             // low and high the bounds, the default the mode
	DistPERT                   // beta with λ = 4: low and high the bounds, the default the mode
	DistUniform                // flat between low and high (the default only has to lie between)
	numDists
)

var distNames = [numDists]string{"", "normal", "lognormal", "triangular", "pert", "uniform"}

func (d Dist) String() string {
	if d <= DistKind || d >= numDists {
		return ""
	}
	return distNames[d]
}

// ParseDist reads a dist name as written in a market file ("" is the
// kind's own).
func ParseDist(s string) (Dist, bool) {
	for i, n := range distNames {
		if n == s {
			return Dist(i), true
		}
	}
	return 0, false
}

// DistNames lists the accepted dist names.
func DistNames() []string { return distNames[1:] }

// Bounded reports whether low and high are the distribution's bounds and
// the default its mode, rather than its P5, P50 and P95.
func (d Dist) Bounded() bool { return d == DistTriangular || d == DistPERT || d == DistUniform }

// kindDists are the dists each kind may choose: a share lives in 0..1,
// where a normal or lognormal would pile up at a limit; months are drawn
// from uniforms, bounded by nature; the other kinds are never drawn.
var kindDists = [numKinds][]Dist{
	KindAmount: {DistNormal, DistLognormal, DistTriangular, DistPERT, DistUniform},
	KindGrowth: {DistNormal, DistLognormal, DistTriangular, DistPERT, DistUniform},
	KindShare:  {DistTriangular, DistPERT, DistUniform},
	KindMonths: {DistTriangular, DistPERT, DistUniform},
}

// Role says whether an input is a lever the company sets (a decision:
// never drawn) or something it must estimate (uncertain, the default).
type Role int

const (
	RoleUncertain Role = iota
	RoleDecision
	numRoles
)

var roleNames = [numRoles]string{"uncertain", "decision"}

func (r Role) String() string {
	if r < 0 || r >= numRoles {
		return "unknown"
	}
	return roleNames[r]
}

// ParseRole reads a role as written in a market file; "" is uncertain.
func ParseRole(s string) (Role, bool) {
	if s == "" {
		return RoleUncertain, true
	}
	for i, n := range roleNames {
		if n == s {
			return Role(i), true
		}
	}
	return 0, false
}

// RoleNames lists the accepted roles.
func RoleNames() []string { return roleNames[:] }

// IsDecision reports whether the input is a lever the company sets.
func (in *Input) IsDecision() bool { return in.Role == RoleDecision }

// Drawn reports whether Monte Carlo draws the input: an uncertain input of
// a kind that is drawn. Decisions stay at their values, like a pinned input.
func (in *Input) Drawn() bool { return in.Kind.Uncertain() && in.Role != RoleDecision }

// checkDist refuses a dist the input's kind cannot take, and a role
// outside the accepted ones.
func (in *Input) checkDist() (string, string) {
	if in.Role < 0 || in.Role >= numRoles {
		return "role", fmt.Sprintf("%d is not a role; give %s", in.Role, quoteAll(RoleNames(), " or "))
	}
	if in.Dist < 0 || in.Dist >= numDists {
		return "dist", fmt.Sprintf("%d is not a dist; give one of %s", in.Dist, quoteAll(DistNames(), ", "))
	}
	if in.Dist == DistKind {
		return "", ""
	}
	ok := kindDists[in.Kind]
	for _, d := range ok {
		if d == in.Dist {
			return "", ""
		}
	}
	if len(ok) == 0 {
		return "dist", fmt.Sprintf("%q is not accepted: an input of kind %s is never drawn, so it takes no dist; remove it", in.Dist.String(), in.Kind)
	}
	names := make([]string, len(ok))
	for i, d := range ok {
		names[i] = d.String()
	}
	why := ""
	if in.Kind == KindShare {
		why = " (a share is drawn logit-normal by default; a normal or lognormal would leave 0..1)"
	}
	return "dist", fmt.Sprintf("%q is not accepted for kind %s%s; give %s, or leave dist out", in.Dist.String(), in.Kind, why, quoteAll(names, " or "))
}

func quoteAll(names []string, sep string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, sep)
}

// DistText says in a few words how the input is drawn, for the detail
// panel and Sources: "lognormal: low, default, high are P5, P50, P95".
func (in *Input) DistText() string {
	switch {
	case in.IsDecision():
		return "a decision: never drawn"
	case !in.Kind.Uncertain():
		return "never drawn"
	}
	switch in.Dist {
	case DistTriangular, DistPERT:
		name := "triangular"
		if in.Dist == DistPERT {
			name = "PERT"
		}
		return name + ": low and high the bounds, default the mode"
	case DistUniform:
		return "uniform between low and high"
	case DistNormal:
		return "normal: low, default, high are P5, P50, P95"
	}
	switch in.Kind {
	case KindGrowth:
		return "lognormal in 1 + rate: low, default, high are P5, P50, P95"
	case KindShare:
		return "logit-normal: low, default, high are P5, P50, P95"
	case KindMonths:
		return "uniform each side of the default (the median), low and high the bounds"
	}
	return "lognormal: low, default, high are P5, P50, P95"
}

// shape is how a sampler turns a standard draw x into t, in its space.
type shape uint8

const (
	shapeSplit      shape = iota // a + x·below for x < 0, a + x·above otherwise
	shapeTriangular              // a + span·Q(u), Q triangular with mode c
	shapePERT                    // a + span·Q(u), Q beta(α, 6 − α)
	shapeUniform                 // a + span·u
)

// space is how a sampler's t becomes the input's value.
type space uint8

const (
	spaceLinear space = iota // value = t
	spaceLog                 // value = scale·e^t (minus 1 for growth)
	spaceLogit               // value = 1/(1 + e^−t)
)

// phi is the standard normal distribution function.
func phi(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// triangularQ is the quantile at u of the triangular distribution on 0..1
// with mode c.
func triangularQ(u, c float64) float64 {
	if u < c {
		return math.Sqrt(u * c)
	}
	return 1 - math.Sqrt((1-u)*(1-c))
}

// pertPoints is how many points of its distribution function a PERT
// sampler keeps: its quantiles are interpolated between them, to within
// about 1e-6 of the range inside the tails.
const pertPoints = 1024

// pertTable is the distribution function of beta(α, β) on 0..1 at
// i/(pertPoints−1), worked out once per sampler by integrating the
// density (α, β ≥ 1 for a PERT, so it is bounded).
type pertTable [pertPoints]float64

func newPERTTable(alpha, beta float64) *pertTable {
	var t pertTable
	const n = pertPoints - 1
	dens := func(x float64) float64 { return math.Pow(x, alpha-1) * math.Pow(1-x, beta-1) }
	// Simpson's rule on each interval, with its midpoint.
	prev := dens(0)
	for i := 1; i <= n; i++ {
		x0, x1 := float64(i-1)/n, float64(i)/n
		next := dens(x1)
		t[i] = t[i-1] + (prev+4*dens((x0+x1)/2)+next)/(6*n)
		prev = next
	}
	total := t[n]
	for i := range t {
		t[i] /= total
	}
	t[n] = 1
	return &t
}

// quantile inverts the table at u by bisection and a straight line
// between the two points around it.
func (t *pertTable) quantile(u float64) float64 {
	lo, hi := 0, pertPoints-1
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if t[mid] <= u {
			lo = mid
		} else {
			hi = mid
		}
	}
	f := 0.0
	if d := t[hi] - t[lo]; d > 0 {
		f = (u - t[lo]) / d
	}
	return (float64(lo) + f) / (pertPoints - 1)
}

// pertShape is α of a PERT with mode c on 0..1 (λ = 4; β = 6 − α).
func pertShape(c float64) float64 { return 1 + 4*c }

// DecisionGroup is the group decisions are shown under, on the dashboard
// and in Sources, before every other group.
const DecisionGroup = "Decisions"

// ShownGroup is the group an input is shown under: DecisionGroup for a
// decision, its own otherwise.
func (in *Input) ShownGroup() string {
	if in.IsDecision() {
		return DecisionGroup
	}
	return in.Group
}

// ShownOrder is the inputs in display order with the decisions first,
// so each group's inputs are together under ShownGroup.
func (m *Market) ShownOrder() []ID {
	order := make([]ID, 0, len(m.Order))
	for _, first := range []bool{true, false} {
		for _, id := range m.Order {
			if m.Inputs[id].IsDecision() == first {
				order = append(order, id)
			}
		}
	}
	return order
}
