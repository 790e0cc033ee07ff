package market

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"
)

// run is a Monte Carlo run on a fresh engine that fails the test on error.
func run(t testing.TB, m *Market, cfg RunConfig) *Result {
	t.Helper()
	var r Result
	if err := NewEngine(m).Run(context.Background(), &r, cfg); err != nil {
		t.Fatal(err)
	}
	return &r
}

// pinAllBut pins every input except the ones named.
func pinAllBut(ids ...ID) Uncertainty {
	var u Uncertainty
	for id := range u.Pinned {
		u.Pinned[id] = !slices.Contains(ids, ID(id))
	}
	return u
}

// relClose reports whether got is within a relative tol of want.
func relClose(got, want, tol float64) bool {
	if want == 0 {
		return math.Abs(got) <= tol
	}
	return math.Abs(got-want) <= tol*math.Abs(want)
}

// float32 keeps 24 bits: a value rounded to it is within 2⁻²⁴ ≈ 6e-8 of the
// float64 it came from.
const float32Rel = 1.2e-7

func TestMonteCarloAllPinnedIsTheDeterministicModel(t *testing.T) {
	m := testMarket()
	for _, name := range []string{"defaults", "moved"} {
		v := m.Defaults()
		if name == "moved" {
			v[Price], v[Conversion], v[LaunchYear], v[ApprovalLag], v[LicenceTV] = 7.5, 0.031, 2018, 3.5, 0
			v[UserGrowth], v[BassP], v[BassQ], v[PartnerCut] = -0.02, 0.011, 0.7, 0.35
		}
		var u Uncertainty
		for id := range u.Pinned {
			u.Pinned[id] = true
		}
		r := run(t, m, RunConfig{N: 5000, Seed: 7, Values: v, Uncertainty: u})
		if len(r.Sampled) != 0 {
			t.Errorf("%s: every input pinned, yet %v were sampled", name, r.Sampled)
		}
		want := m.Evaluate(&v)
		for y, row := range rows(&want) {
			// Every sample is the deterministic funnel, to float32 precision.
			for i := 0; i < r.N; i++ {
				got := r.outs[0][y][i]
				if !relClose(float64(got), row.Net, float32Rel) {
					t.Fatalf("%s: %d sample %d net = %v, Evaluate gives %v", name, row.Year, i, got, row.Net)
				}
				if got := r.outs[1][y][i]; !relClose(float64(got), row.Subscribers, float32Rel) {
					t.Fatalf("%s: %d sample %d subscribers = %v, Evaluate gives %v", name, row.Year, i, got, row.Subscribers)
				}
			}
			s := r.Years[y]
			for _, p := range []struct {
				what     string
				ps       Percentiles
				expected float64
			}{{"net", s.Out[0], row.Net}, {"subscribers", s.Out[1], row.Subscribers}} {
				if p.ps.P5 != p.ps.P50 || p.ps.P50 != p.ps.P95 || !relClose(p.ps.P50, p.expected, float32Rel) {
					t.Errorf("%s: %d %s P5/P50/P95 = %v/%v/%v, want all %v", name, row.Year, p.what, p.ps.P5, p.ps.P50, p.ps.P95, p.expected)
				}
				if p.ps.P5SE != 0 || p.ps.P50SE != 0 || p.ps.P95SE != 0 {
					t.Errorf("%s: %d %s has standard errors %v/%v/%v with nothing uncertain", name, row.Year, p.what, p.ps.P5SE, p.ps.P50SE, p.ps.P95SE)
				}
			}
		}
		if !relClose(r.RiskWeightedMean, lastRow(&want).Net*float64(r.Deals)/float64(r.N), 1e-6) {
			t.Errorf("%s: risk-weighted mean %v, want horizon net × deal share = %v", name, r.RiskWeightedMean, lastRow(&want).Net*float64(r.Deals)/float64(r.N))
		}
	}
}

// lognormalQuantile is the p-th quantile of e^(mu + sigma·Z).
// uncapped is the defaults with the user ceiling at its hard maximum
// (2bn), which no draw of users reaches by 2025, so users are the plain
// lognormal that closed forms assume.
func uncapped(m *Market) Values {
	v := m.Defaults()
	v[UserCeiling] = m.Inputs[UserCeiling].Max
	return v
}

func lognormalQuantile(mu, sigma, p float64) float64 {
	return math.Exp(mu + sigma*math.Sqrt2*math.Erfinv(2*p-1))
}

func TestMonteCarloProductOfLognormalsMatchesClosedForm(t *testing.T) {
	// With every input pinned but internet users and price, horizon net is
	// the deterministic net × (users/v_users) × (price/v_price), a product
	// of two independent lognormals: lognormal with the log-means added and
	// the log-variances added. Price is moved off its default (its interval
	// follows: ×5/4) and the users interval widened ×1.25, so the slider
	// and the width both enter the closed form.
	// The two ranges are made symmetric in log space about their defaults
	// (low·high = default²), where a two-piece normal is one lognormal.
	m := testMarket()
	for _, id := range []ID{InternetUsers, Price} {
		in := &m.Inputs[id]
		in.Low = in.Default * in.Default / in.High
	}
	v := uncapped(m)
	v[Price] = 5
	u := pinAllBut(InternetUsers, Price)
	u.Widen(InternetUsers)
	const n = 100_000
	r := run(t, m, RunConfig{N: n, Seed: 2015, Values: v, Uncertainty: u})
	if !slices.Equal(r.Sampled, []ID{InternetUsers, Price}) {
		t.Fatalf("sampled %v, want internet_users and price", r.Sampled)
	}
	users, price := m.Inputs[InternetUsers], m.Inputs[Price]
	// ln(users) ~ N(ln √(low·high), (1.25·(ln high − ln low)/(2·z95))²), and
	// ln(price) likewise with the interval ×5/4 and width 1.
	muU := (math.Log(users.Low) + math.Log(users.High)) / 2
	sdU := 1.25 * (math.Log(users.High) - math.Log(users.Low)) / (2 * z95)
	muP := (math.Log(price.Low*5/4) + math.Log(price.High*5/4)) / 2
	sdP := (math.Log(price.High) - math.Log(price.Low)) / (2 * z95)
	det := m.Evaluate(&v)
	y := len(rows(&det)) - 1
	c := rows(&det)[y].Net / (v[InternetUsers] * v[Price]) // net per user per unit price
	mu, sigma := math.Log(c)+muU+muP, math.Hypot(sdU, sdP)

	got := r.Last().Out[0]
	for _, q := range []struct {
		p       float64
		est, se float64
	}{{0.05, got.P5, got.P5SE}, {0.50, got.P50, got.P50SE}, {0.95, got.P95, got.P95SE}} {
		want := lognormalQuantile(mu, sigma, q.p)
		// The textbook standard error of a sample quantile:
		// √(p(1−p)/n) / f(x_p), f the lognormal density φ(z)/(x·σ).
		z := (math.Log(want) - mu) / sigma
		density := math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) / (want * sigma)
		theory := math.Sqrt(q.p*(1-q.p)/n) / density
		t.Logf("P%.0f: %.6g (closed form %.6g, off by %.2f SE); SE %.4g (theory %.4g)",
			100*q.p, q.est, want, (q.est-want)/q.se, q.se, theory)
		if math.Abs(q.est-want) > 3*q.se {
			t.Errorf("P%.0f = %v, closed form %v: off by more than 3 standard errors of %v", 100*q.p, q.est, want, q.se)
		}
		if q.se < 0.75*theory || q.se > 1.33*theory {
			t.Errorf("P%.0f standard error %v is not near the textbook %v", 100*q.p, q.se, theory)
		}
	}
}

func TestEachKindIsDrawnFromItsInterval(t *testing.T) {
	// With one input uncertain and the rest pinned, an output proportional
	// to a function of it has that function's percentiles, so the input's
	// own 5th and 95th percentiles can be read back and compared with its
	// interval, within 3 of the engine's standard errors.
	m := testMarket()
	const n = 100_000
	det := m.Evaluate(ptr(uncapped(m)))
	cases := []struct {
		id     ID
		out    Output
		year   int
		invert func(x float64) float64 // output → the input's value
		p5     float64                 // the value at the output's P5
		p95    float64
	}{
		// Subscribers are proportional to conversion (logit-normal).
		{Conversion, OutSubscribers, 2025, func(x float64) float64 { return x / yearAt(&det, 2025).Subscribers * 0.02 }, 0.005, 0.08},
		// 2025 subscribers grow with (1+g)^10 (lognormal growth factor).
		{UserGrowth, OutSubscribers, 2025, func(x float64) float64 {
			return (1.06)*math.Pow(x/yearAt(&det, 2025).Subscribers, 0.1) - 1
		}, 0.03, 0.07},
		// 2016 net is proportional to 12 − lag (uniform lag): its P5 is
		// the lag's 95th percentile, 11.4 months, its P95 the 5th, 0.6.
		{ApprovalLag, OutNet, 2016, func(x float64) float64 { return 12 - x/yearAt(&det, 2016).Net*6 }, 11.4, 0.6},
	}
	for _, c := range cases {
		r := run(t, m, RunConfig{N: n, Seed: 77, Values: uncapped(m), Uncertainty: pinAllBut(c.id)})
		ps := r.Year(c.year).Out[1]
		if c.out == OutNet {
			ps = r.Year(c.year).Out[0]
		}
		// The error of the input at a percentile, through the (monotone)
		// inverse.
		for _, q := range []struct {
			name       string
			est, se, w float64
		}{{"P5", ps.P5, ps.P5SE, c.p5}, {"P95", ps.P95, ps.P95SE, c.p95}} {
			got := c.invert(q.est)
			se := math.Abs(c.invert(q.est+q.se) - got)
			t.Logf("%s: output %s gives %v (interval end %v, ±%.2g)", c.id, q.name, got, q.w, se)
			if math.Abs(got-q.w) > 3*se+1e-12 {
				t.Errorf("%s at the output's %s: %v, want %v ± %v", c.id, q.name, got, q.w, 3*se)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestLogitNormalSharesStayInsideZeroOne(t *testing.T) {
	// Extreme intervals, values next to 0 and 1, huge and tiny widths and
	// draws far beyond any normal's reach: never 0, never 1, never NaN.
	rng := rand.New(rand.NewPCG(1, 1))
	layout := NewEngine(testMarket()).layout
	edges := []float64{1e-300, 1e-12, 1e-6, 0.3, 0.5, 0.9, 1 - 1e-9, 1 - 1e-16}
	pick := func() float64 {
		if rng.IntN(3) == 0 {
			return edges[rng.IntN(len(edges))]
		}
		return rng.Float64()
	}
	z := []float64{-1e6, -40, -8.5, -1, 0, 1, 8.5, 40, 1e6, math.Inf(1), math.Inf(-1)}
	for range 300 {
		z = append(z, 10*rng.NormFloat64())
	}
	got := make([]float64, len(z))
	for trial := 0; trial < 3000; trial++ {
		lo, hi := pick(), pick()
		if lo > hi {
			lo, hi = hi, lo
		}
		in := Input{ID: Conversion, Kind: KindShare, Default: pick(), Low: lo, High: hi, Min: 0, Max: 1}
		var u Uncertainty
		u.Width[Conversion] = math.Pow(10, 6*rng.Float64()-3)
		v := pick()
		s := newSampler(&in, v, &u, layout.slot[Conversion])
		s.draw(got, z)
		for i, x := range got {
			if !(x > 0 && x < 1) {
				t.Fatalf("interval %v–%v, default %v, value %v, width %v: draw %v gave share %v", lo, hi, in.Default, v, u.Width[Conversion], z[i], x)
			}
		}
		s.complements(got, z)
		for i, x := range got {
			if !(x > 0 && x <= 1) {
				t.Fatalf("interval %v–%v, value %v: draw %v gave 1−share %v", lo, hi, v, z[i], x)
			}
		}
	}
}

func TestMonteCarloExtremeSharesStayFinite(t *testing.T) {
	// A whole run with every share at an extreme and every interval ×1000
	// keeps every sample finite and net revenue at or above zero.
	m := testMarket()
	v := m.Defaults()
	v[Conversion], v[VideoReach], v[PartnerCut], v[MobileShare] = 1e-9, 1-1e-12, 0.999999, 1e-7
	var u Uncertainty
	for id := range u.Width {
		u.Width[id] = 1000
	}
	r := run(t, m, RunConfig{N: 20_000, Seed: 3, Values: v, Uncertainty: u})
	for y := range r.Years {
		for i := range r.N {
			if x := r.outs[0][y][i]; !(x >= 0) || math.IsInf(float64(x), 0) {
				t.Fatalf("%d sample %d net %v", r.Years[y].Year, i, x)
			}
			if x := r.outs[1][y][i]; !(x >= 0) || math.IsInf(float64(x), 0) {
				t.Fatalf("%d sample %d subscribers %v", r.Years[y].Year, i, x)
			}
		}
	}
}

func sameResult(a, b *Result) bool {
	return a.N == b.N && a.Seed == b.Seed && slices.Equal(a.Years, b.Years) &&
		a.PZeroRevenue == b.PZeroRevenue && a.RiskWeightedMean == b.RiskWeightedMean &&
		a.Deals == b.Deals && slices.EqualFunc(a.outs[0], b.outs[0], slices.Equal) && slices.EqualFunc(a.outs[1], b.outs[1], slices.Equal)
}

func TestMonteCarloSameSeedSameResultForAnyWorkers(t *testing.T) {
	m := testMarket()
	cfg := RunConfig{N: 30_001, Seed: 42, Values: m.Defaults()} // not a whole number of chunks
	var results []*Result
	for _, w := range []int{1, 2, 3, 8} {
		cfg.Workers = w
		results = append(results, run(t, m, cfg))
	}
	for i, r := range results[1:] {
		if !sameResult(results[0], r) {
			t.Errorf("seed 42 with %d workers differs from 1 worker", []int{2, 3, 8}[i])
		}
	}
	// The same engine again (draws kept) gives the same once more.
	e := NewEngine(m)
	var a, b Result
	cfg.Workers = 2
	if err := e.Run(context.Background(), &a, cfg); err != nil {
		t.Fatal(err)
	}
	if err := e.Run(context.Background(), &b, cfg); err != nil {
		t.Fatal(err)
	}
	if !sameResult(&a, &b) || !sameResult(&a, results[0]) {
		t.Error("a second run with the kept draws differs")
	}

	cfg.Seed = 43
	other := run(t, m, cfg)
	if other.Last().Out[0].P50 == results[0].Last().Out[0].P50 || slices.EqualFunc(other.outs[0], results[0].outs[0], slices.Equal) {
		t.Error("seed 43 gives the same samples as seed 42")
	}
}

func TestMonteCarloKeptDrawsDoublePriceDoublesNet(t *testing.T) {
	// The draws are common to both runs, so doubling the price (2 → 4, its
	// interval following ×2) doubles every sample's net exactly, every
	// percentile and its error with it, and leaves subscribers alone.
	m := testMarket()
	e := NewEngine(m)
	cfg := RunConfig{N: 50_000, Seed: 9, Workers: 2, Values: m.Defaults()}
	cfg.Values[Price] = 2
	var half, full Result
	if err := e.Run(context.Background(), &half, cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Values[Price] = 4
	if err := e.Run(context.Background(), &full, cfg); err != nil {
		t.Fatal(err)
	}
	for y := range full.Years {
		h, f := half.Years[y], full.Years[y]
		if f.Out[0].P5 != 2*h.Out[0].P5 || f.Out[0].P50 != 2*h.Out[0].P50 || f.Out[0].P95 != 2*h.Out[0].P95 {
			t.Errorf("%d: net P5/P50/P95 %v/%v/%v at $4, want exactly twice %v/%v/%v", f.Year, f.Out[0].P5, f.Out[0].P50, f.Out[0].P95, h.Out[0].P5, h.Out[0].P50, h.Out[0].P95)
		}
		if f.Out[0].P5SE != 2*h.Out[0].P5SE || f.Out[0].P50SE != 2*h.Out[0].P50SE || f.Out[0].P95SE != 2*h.Out[0].P95SE {
			t.Errorf("%d: net errors not doubled", f.Year)
		}
		if f.Out[1] != h.Out[1] || f.PZero != h.PZero {
			t.Errorf("%d: subscribers or P(zero) moved with the price", f.Year)
		}
	}
	if full.RiskWeightedMean != 2*half.RiskWeightedMean {
		t.Errorf("risk-weighted mean %v, want exactly twice %v", full.RiskWeightedMean, half.RiskWeightedMean)
	}
}

func TestIntervalFollowsTheSlider(t *testing.T) {
	m := testMarket()
	var u Uncertainty
	v := m.Defaults()

	// At the default every interval is the market's own.
	for _, id := range []ID{InternetUsers, Price, Conversion, UserGrowth, ApprovalLag, TVShare} {
		lo, hi, ok := m.Interval(id, &v, &u)
		in := m.Inputs[id]
		if !ok || !relClose(lo, in.Low, 1e-12) || !relClose(hi, in.High, 1e-12) {
			t.Errorf("%s at its default: interval %v–%v (sampled %v), want %v–%v", id, lo, hi, ok, in.Low, in.High)
		}
	}

	// Amount: ×v/d. Price 8 = 2 × the default 4.
	v[Price] = 8
	if lo, hi, _ := m.Interval(Price, &v, &u); !relClose(lo, 2*2.39, 1e-12) || !relClose(hi, 2*9.99, 1e-12) {
		t.Errorf("price $8: interval %v–%v, want %v–%v", lo, hi, 2*2.39, 2*9.99)
	}
	// Growth factor: ×(1+v)/(1+d).
	v[UserGrowth] = 0.10
	f := 1.10 / 1.06
	if lo, hi, _ := m.Interval(UserGrowth, &v, &u); !relClose(lo, 1.03*f-1, 1e-12) || !relClose(hi, 1.07*f-1, 1e-12) {
		t.Errorf("user growth 10%%: interval %v–%v, want %v–%v", lo, hi, 1.03*f-1, 1.07*f-1)
	}
	// Share: shifted by logit(v) − logit(d) in logit space.
	v[Conversion] = 0.05
	lo, hi, _ := m.Interval(Conversion, &v, &u)
	shift := logit(0.05) - logit(0.02)
	if !relClose(logit(lo)-logit(0.005), shift, 1e-9) || !relClose(logit(hi)-logit(0.08), shift, 1e-9) {
		t.Errorf("conversion 5%%: interval %v–%v is not the default's shifted by %v in logit space", lo, hi, shift)
	}
	// Months: shifted by v − d, then clamped to the hard 0–12.
	v[ApprovalLag] = 8
	if lo, hi, _ := m.Interval(ApprovalLag, &v, &u); lo != 2 || hi != 12 {
		t.Errorf("approval lag 8: interval %v–%v, want 2–12 (0+2 to 12+2, clamped)", lo, hi)
	}
	// A share at exactly 0 or 1, and an amount at 0, are fixed there.
	v[TVShare], v[MobileShare], v[Price] = 0, 1, 0
	for _, id := range []ID{TVShare, MobileShare, Price} {
		if lo, hi, ok := m.Interval(id, &v, &u); ok || lo != v[id] || hi != v[id] {
			t.Errorf("%s at %v: interval %v–%v sampled %v, want fixed", id, v[id], lo, hi, ok)
		}
	}
	// Fixed kinds, pinned inputs and degenerate intervals are not sampled.
	v = m.Defaults()
	u.Pinned[Conversion] = true
	mm := testMarket()
	mm.Inputs[Price].Low, mm.Inputs[Price].High = 4, 4
	for _, id := range []ID{LaunchYear, LicenceTV, FXCNYPerUSD, DealProbability, Conversion} {
		if _, _, ok := mm.Interval(id, &v, &u); ok {
			t.Errorf("%s sampled, want fixed", id)
		}
	}
	if _, _, ok := mm.Interval(Price, &v, &u); ok {
		t.Error("price with low == high sampled, want fixed")
	}
}

func TestWidthNarrowsWidensAndPinStops(t *testing.T) {
	// Only the price is uncertain, so the spread of net is the price's:
	// log(P95/P5) scales exactly with its width, as the order statistics
	// of the draws do not change.
	m := testMarket()
	e := NewEngine(m)
	cfg := RunConfig{N: 20_000, Seed: 5, Values: m.Defaults(), Uncertainty: pinAllBut(Price)}
	spread := func() float64 {
		var r Result
		if err := e.Run(context.Background(), &r, cfg); err != nil {
			t.Fatal(err)
		}
		return math.Log(r.Last().Out[0].P95 / r.Last().Out[0].P5)
	}
	base := spread()
	cfg.Uncertainty.Narrow(Price)
	narrow := spread()
	cfg.Uncertainty.Widen(Price)
	cfg.Uncertainty.Widen(Price)
	wide := spread()
	if !relClose(narrow, 0.8*base, 1e-5) || !relClose(wide, 1.25*base, 1e-5) {
		t.Errorf("log(P95/P5) %v at width 1, %v narrowed, %v widened: want ×0.8 and ×1.25", base, narrow, wide)
	}
	lo, hi, _ := m.Interval(Price, &cfg.Values, &cfg.Uncertainty)
	if !relClose(math.Log(hi/lo), 1.25*math.Log(9.99/2.39), 1e-9) {
		t.Errorf("widened interval %v–%v, want log-width ×1.25", lo, hi)
	}
	cfg.Uncertainty.Pinned[Price] = true
	if s := spread(); s != 0 {
		t.Errorf("price pinned: log(P95/P5) = %v, want 0", s)
	}
}

func TestMonteCarloCancel(t *testing.T) {
	m := testMarket()
	e := NewEngine(m)
	var r Result

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.Run(ctx, &r, RunConfig{N: 1000, Values: m.Defaults()}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before the start: got %v, want context.Canceled", err)
	}

	// A million samples take far longer than the 2 ms before the cancel;
	// the run must stop within a chunk or so, not finish.
	for _, workers := range []int{1, 2} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(2*time.Millisecond, cancel)
		start := time.Now()
		err := e.Run(ctx, &r, RunConfig{N: MaxSamples, Seed: uint64(10 + workers), Workers: workers, Values: m.Defaults()})
		took := time.Since(start)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("%d workers: got %v, want context.Canceled", workers, err)
		}
		if r.N != 0 {
			t.Errorf("%d workers: a cancelled run left a result with N = %d", workers, r.N)
		}
		t.Logf("%d workers: a cancelled run of %d samples returned after %v", workers, MaxSamples, took)
		if took > 200*time.Millisecond && !raceEnabled {
			t.Errorf("%d workers: cancelled run took %v to return", workers, took)
		}
		// And the engine still works afterwards.
		if err := e.Run(context.Background(), &r, RunConfig{N: 1000, Seed: 1, Workers: workers, Values: m.Defaults()}); err != nil || r.N != 1000 {
			t.Fatalf("run after a cancel: %v, N = %d", err, r.N)
		}
	}
}

func TestMonteCarloUIPattern(t *testing.T) {
	// The UI's way (run with -race): runs go off the UI goroutine into a
	// back Result, each new one cancelling the last, while the UI reads the
	// front Result; a finished run's Result becomes the front.
	m := testMarket()
	e := NewEngine(m)
	front, back := new(Result), new(Result)
	if err := e.Run(context.Background(), front, RunConfig{N: 20_000, Seed: 1, Values: m.Defaults()}); err != nil {
		t.Fatal(err)
	}
	type done struct {
		r   *Result
		err error
	}
	finished := make(chan done, 1)
	cancel := func() {}
	running := false
	for move := 0; move < 30; move++ {
		if running {
			cancel() // a new keystroke: stop the old run...
			d := <-finished
			running = false
			if d.err == nil { // ...which may have finished first
				front, back = d.r, front
			}
		}
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		cfg := RunConfig{N: 20_000, Seed: 1, Workers: 2, Values: m.Defaults()}
		cfg.Values[Price] = 3 + 0.1*float64(move)
		running = true
		go func(r *Result) {
			finished <- done{r, e.Run(ctx, r, cfg)}
		}(back)
		// Meanwhile the UI draws the front result.
		_, _ = front.Histogram(20)
		_, _, _ = front.ProbAtLeast(OutNet, 2025, 1e8)
		_ = front.SpreadShares()
		_ = front.Last().Out[0].P50
	}
	d := <-finished
	cancel()
	if d.err != nil || d.r.N != 20_000 || d.r.Values[Price] != 3+0.1*29 {
		t.Errorf("last run: %v, N %d, price %v", d.err, d.r.N, d.r.Values[Price])
	}
}

func TestMonteCarloZeroRevenue(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	const n = 100_000
	r := run(t, m, RunConfig{N: n, Seed: 11, Values: v})
	// At the defaults a signed deal always earns something in 2025, so
	// P(zero revenue) is the chance of no deal: 1 − 50%, within 4 standard
	// errors of a proportion.
	want, se := 1-v[DealProbability], math.Sqrt(0.25/n)
	if math.Abs(r.PZeroRevenue-want) > 4*se {
		t.Errorf("P(zero revenue) = %v, want %v ± %v", r.PZeroRevenue, want, 4*se)
	}
	if r.PZeroRevenue != 1-float64(r.Deals)/n {
		t.Errorf("P(zero revenue) = %v, but %d of %d samples signed", r.PZeroRevenue, r.Deals, n)
	}
	if r.Years[0].PZero != 1 {
		t.Errorf("2015, before launch: P(zero) = %v, want 1", r.Years[0].PZero)
	}
	// The risk-weighted mean is the mean over all samples with no deal as 0.
	sum := 0.0
	for i, x := range r.outs[0][len(r.Years)-1] {
		if r.deal(i) {
			sum += float64(x)
		}
	}
	if !relClose(r.RiskWeightedMean, sum/n, 1e-6) {
		t.Errorf("risk-weighted mean %v, want %v", r.RiskWeightedMean, sum/n)
	}

	v[LicenceMobile], v[LicencePC], v[LicenceTV] = 0, 0, 0
	r = run(t, m, RunConfig{N: 10_000, Seed: 11, Values: v})
	if r.PZeroRevenue != 1 || r.RiskWeightedMean != 0 || r.Last().Out[0].P95 != 0 {
		t.Errorf("every licence off: P(zero revenue) %v, risk-weighted mean %v, P95 %v; want 1, 0, 0", r.PZeroRevenue, r.RiskWeightedMean, r.Last().Out[0].P95)
	}
	v = m.Defaults()
	v[DealProbability] = 1
	if r := run(t, m, RunConfig{N: 10_000, Seed: 11, Values: v}); r.PZeroRevenue != 0 {
		t.Errorf("a certain deal: P(zero revenue) %v, want 0", r.PZeroRevenue)
	}
}

func TestMonteCarloProbAtLeastAndHistogram(t *testing.T) {
	m := testMarket()
	const n = 40_000
	r := run(t, m, RunConfig{N: n, Seed: 21, Values: m.Defaults()})
	last := r.LastYear()
	// At the median, half the samples reach it (given a deal).
	med := r.Last().Out[0].P50
	given, with, err := r.ProbAtLeast(OutNet, last, med)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(given-0.5) > 2.0/n {
		t.Errorf("P(net ≥ median) = %v, want 0.5", given)
	}
	if math.Abs(with-0.5*float64(r.Deals)/n) > 0.01 {
		t.Errorf("P(net ≥ median) with deal risk = %v, want about %v", with, 0.5*float64(r.Deals)/n)
	}
	// Count it by hand.
	var g, w int
	target := 3e8
	for i, x := range r.outs[0][len(r.Years)-1] {
		if float64(x) >= target {
			g++
			if r.deal(i) {
				w++
			}
		}
	}
	given, with, _ = r.ProbAtLeast(OutNet, last, target)
	if given != float64(g)/n || with != float64(w)/n {
		t.Errorf("P(net ≥ $300M) = %v / %v with deal risk, counted %v / %v", given, with, float64(g)/n, float64(w)/n)
	}
	// A target of 0 is reached by every sample, deal or none.
	if given, with, _ := r.ProbAtLeast(OutNet, last, 0); given != 1 || with != 1 {
		t.Errorf("P(net ≥ 0) = %v / %v, want 1 / 1", given, with)
	}
	if _, _, err := r.ProbAtLeast(OutTAM, last, 0); !errors.Is(err, ErrNotRecorded) {
		t.Errorf("TAM: got %v, want ErrNotRecorded", err)
	}
	if _, _, err := r.ProbAtLeast(OutNet, 2040, 0); err == nil {
		t.Error("2040 is past the horizon; want an error")
	}

	edges, counts := r.Histogram(30)
	if len(edges) != 31 || len(counts) != 30 {
		t.Fatalf("30 bins: %d edges, %d counts", len(edges), len(counts))
	}
	total := 0
	for i, c := range counts {
		total += c
		if edges[i+1] <= edges[i] {
			t.Errorf("edges not increasing at %d: %v", i, edges)
		}
	}
	if total != n {
		t.Errorf("histogram counts add up to %d, want %d", total, n)
	}
	p005, _ := r.Quantile(OutNet, last, 0.005)
	p995, _ := r.Quantile(OutNet, last, 0.995)
	if edges[0] != p005 || edges[30] != p995 {
		t.Errorf("histogram spans %v–%v, want the 0.5th–99.5th percentiles %v–%v", edges[0], edges[30], p005, p995)
	}
	// Before launch every sample is 0: one bin.
	edges, counts, _ = r.HistogramOf(OutNet, 2015, 30)
	if len(counts) != 1 || counts[0] != n || edges[0] != 0 || edges[1] != 0 {
		t.Errorf("2015 histogram %v %v, want one bin of %d at 0", edges, counts, n)
	}
}

func TestMonteCarloSpreadSharesByHand(t *testing.T) {
	// The sums the kernel keeps, checked against the correlations computed
	// directly from a run's own samples (re-drawing them from the engine's
	// kept draws).
	m := testMarket()
	e := NewEngine(m)
	var r Result
	cfg := RunConfig{N: 9000, Seed: 3, Workers: 2, Values: m.Defaults()}
	if err := e.Run(context.Background(), &r, cfg); err != nil {
		t.Fatal(err)
	}
	net := r.outs[0][len(r.outs[0])-1]
	var ys []float64
	var keep []int
	for i, x := range net {
		if x > 0 {
			ys = append(ys, math.Log(float64(x)))
			keep = append(keep, i)
		}
	}
	corr2 := func(xs, ys []float64) float64 {
		n := float64(len(xs))
		var mx, my float64
		for i := range xs {
			mx += xs[i] / n
			my += ys[i] / n
		}
		var sxy, sxx, syy float64
		for i := range xs {
			sxy += (xs[i] - mx) * (ys[i] - my)
			sxx += (xs[i] - mx) * (xs[i] - mx)
			syy += (ys[i] - my) * (ys[i] - my)
		}
		return sxy * sxy / (sxx * syy)
	}
	want := map[ID]float64{}
	total := 0.0
	for _, id := range r.Sampled {
		slot := e.draws.layout.slot[id]
		if slot < 0 { // market size and growth: not drawn, as they do not enter net
			continue
		}
		var zs []float64
		for _, i := range keep {
			zs = append(zs, e.draws.column(i/drawChunk, slot)[i%drawChunk])
		}
		want[id] = corr2(zs, ys)
		total += want[id]
	}
	if shares := r.SpreadShares(); len(shares) != len(r.Sampled) {
		t.Errorf("%d shares for %d sampled inputs", len(shares), len(r.Sampled))
	}
	for _, s := range r.SpreadShares() {
		if w := want[s.Input] / total; math.Abs(s.Share-w) > 1e-9 {
			t.Errorf("%s: share %v, computed directly %v", s.Input, s.Share, w)
		}
	}
}

func TestMonteCarloSpreadShares(t *testing.T) {
	// Only users and price uncertain: log(net) = const + σ_u·z_u + σ_p·z_p,
	// so their shares are σ²/(σ_u² + σ_p²).
	m := testMarket()
	r := run(t, m, RunConfig{N: 50_000, Seed: 8, Values: uncapped(m), Uncertainty: pinAllBut(InternetUsers, Price)})
	shares := r.SpreadShares()
	su := math.Log(688.0/618) / (2 * z95)
	sp := math.Log(9.99/2.39) / (2 * z95)
	if len(shares) != 2 || shares[0].Input != Price || shares[1].Input != InternetUsers {
		t.Fatalf("shares %v, want price then internet users", shares)
	}
	if want := sp * sp / (su*su + sp*sp); math.Abs(shares[0].Share-want) > 0.002 {
		t.Errorf("price's share %v, want %v", shares[0].Share, want)
	}

	// At the defaults every sampled input has a share, they add up to 1,
	// and inputs that do not enter net revenue explain next to none of it.
	r = run(t, m, RunConfig{N: 50_000, Seed: 8, Values: m.Defaults()})
	shares = r.SpreadShares()
	if len(shares) != len(r.Sampled) {
		t.Fatalf("%d shares for %d sampled inputs", len(shares), len(r.Sampled))
	}
	sum := 0.0
	for i, s := range shares {
		sum += s.Share
		if i > 0 && s.Share > shares[i-1].Share {
			t.Error("shares not sorted largest first")
		}
		if (s.Input == MarketSize || s.Input == MarketGrowth) && s.Share != 0 {
			t.Errorf("%s explains %v of net revenue, which it does not enter", s.Input, s.Share)
		}
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("shares add up to %v", sum)
	}
	if note := r.SpreadNote(); note != "Share of the variance of log(net in 2025), from the squared correlation of each input's draw with it." {
		t.Errorf("note: %s", note)
	}
	t.Logf("%s", r.SpreadNote())
	for _, s := range shares {
		t.Logf("  %-16s %5.1f%%", s.Input, 100*s.Share)
	}
}

func TestQuantileMatchesRunAndSeeksQuickly(t *testing.T) {
	m := testMarket()
	e := NewEngine(m)
	cfg := RunConfig{N: 20_000, Seed: 4, Workers: 2, Values: m.Defaults()}
	var r Result
	if err := e.Run(context.Background(), &r, cfg); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		out  Output
		year int
		p    float64
		want float64
	}{
		{OutNet, 2020, 0.5, r.Year(2020).Out[0].P50},
		{OutNet, 2025, 0.05, r.Year(2025).Out[0].P5},
		{OutSubscribers, 2018, 0.95, r.Year(2018).Out[1].P95},
	} {
		got, err := e.Quantile(context.Background(), cfg, c.out, c.year, c.p, 0)
		if err != nil || got != c.want {
			t.Errorf("Quantile(%s, %d, %v) = %v, %v; Run gives %v", c.out, c.year, c.p, got, err, c.want)
		}
		if q, _ := r.Quantile(c.out, c.year, c.p); q != c.want {
			t.Errorf("Result.Quantile(%s, %d, %v) = %v; Run gives %v", c.out, c.year, c.p, q, c.want)
		}
	}
	if _, err := e.Quantile(context.Background(), cfg, OutTAM, 2020, 0.5, 0); !errors.Is(err, ErrNotRecorded) {
		t.Errorf("TAM: %v, want ErrNotRecorded", err)
	}

	// Goal seek: the price whose median 2020 net is $100M, over 20,000
	// kept samples.
	start := time.Now()
	g := Goal{Input: Price, Output: OutNet, Year: 2020, Target: 100e6}
	s, err := e.SeekPercentile(context.Background(), cfg, g, 0.5, 0, USD)
	took := time.Since(start)
	if err != nil || !s.Found {
		t.Fatalf("seek: %+v, %v", s, err)
	}
	trial := cfg
	trial.Values[Price] = s.Value
	got, _ := e.Quantile(context.Background(), trial, OutNet, 2020, 0.5, 0)
	if !relClose(got, 100e6, 1e-6) {
		t.Errorf("seek found price %v giving a median of %v, want $100M", s.Value, got)
	}
	// How long it takes is for a benchmark on a quiet machine, not for a
	// test on a shared one: logged, never asserted.
	t.Logf("%s (%v)", s.Message, took)
}

func TestMonteCarloTinySampleCounts(t *testing.T) {
	// A handful of samples still gives percentiles among the samples, with
	// P5 ≤ P50 ≤ P95, and errors that are not negative.
	m := testMarket()
	for _, n := range []int{1, 2, 3, 5, 19, 20, 21} {
		r := run(t, m, RunConfig{N: n, Seed: 1, Values: m.Defaults()})
		for _, y := range r.Years {
			for _, p := range []Percentiles{y.Out[0], y.Out[1]} {
				if !(p.P5 <= p.P50 && p.P50 <= p.P95) || p.P5SE < 0 || p.P50SE < 0 || p.P95SE < 0 {
					t.Errorf("N=%d, %d: %+v", n, y.Year, p)
				}
			}
		}
		if n == 1 {
			x := float64(r.outs[0][len(r.outs[0])-1][0])
			if p := r.Last().Out[0]; p.P5 != x || p.P95 != x || p.P50SE != 0 {
				t.Errorf("N=1: %+v, want every percentile %v and no error", p, x)
			}
		}
	}
}

func TestMonteCarloRefusesBadSampleCounts(t *testing.T) {
	m := testMarket()
	var r Result
	for _, n := range []int{0, -5, MaxSamples + 1} {
		if err := NewEngine(m).Run(context.Background(), &r, RunConfig{N: n, Values: m.Defaults()}); err == nil {
			t.Errorf("N = %d accepted", n)
		}
	}
}

func TestMonteCarloMemory(t *testing.T) {
	// 100,000 samples the UI's way: one engine (kept draws: 12 inputs ×
	// 8 B per sample, and its scratch) and two Results (net and
	// subscribers for 11 years, 2 × 11 × 4 B per sample), measured.
	m := testMarket()
	var before, after runtime.MemStats
	readMem(&before)
	e := NewEngine(m)
	var front, back Result
	cfg := RunConfig{N: 100_000, Seed: 1, Workers: 2, Values: m.Defaults()}
	if err := e.Run(context.Background(), &front, cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Values[Price] = 5
	if err := e.Run(context.Background(), &back, cfg); err != nil {
		t.Fatal(err)
	}
	readMem(&after)
	grew := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	t.Logf("engine + two results for 100,000 samples: %.1f MB of heap (draws %.1f MB, each result %.1f MB)",
		grew/1e6, float64(e.draws.layout.slots*100_000*8)/1e6, float64(2*11*100_000*4)/1e6)
	if grew > 35e6 {
		t.Errorf("100,000 samples hold %.1f MB", grew/1e6)
	}
	runtime.KeepAlive(e)
	runtime.KeepAlive(&front)
	runtime.KeepAlive(&back)
}

func readMem(m *runtime.MemStats) {
	runtime.GC()
	runtime.ReadMemStats(m)
}

func TestLogHistogramCountsEverySample(t *testing.T) {
	m := testMarket()
	e := NewEngine(m)
	var r Result
	if err := e.Run(context.Background(), &r, RunConfig{N: 20000, Seed: 3, Values: m.Defaults()}); err != nil {
		t.Fatal(err)
	}
	edges, counts, zeros, err := r.LogHistogramOf(OutNet, 2025, 40)
	if err != nil {
		t.Fatal(err)
	}
	total := zeros
	for _, c := range counts {
		total += c
	}
	if total != r.N || len(edges) != 41 {
		t.Fatalf("%d samples in the bins, want %d; %d edges", total, r.N, len(edges))
	}
	// Equal widths in log: every edge ratio is the same.
	ratio := edges[1] / edges[0]
	for i := 1; i < len(edges); i++ {
		if got := edges[i] / edges[i-1]; math.Abs(got/ratio-1) > 1e-9 {
			t.Fatalf("edge ratio %d is %v, want %v", i, got, ratio)
		}
	}
	// The median falls in the bin where the running count passes half.
	p50 := r.Last().Out[0].P50
	run := zeros
	for i, c := range counts {
		run += c
		if run*2 >= r.N {
			if p50 < edges[i]*(1-1e-6) || p50 > edges[i+1]*(1+1e-6) {
				t.Errorf("median %v outside the bin [%v, %v] where half the samples are reached", p50, edges[i], edges[i+1])
			}
			break
		}
	}
}
