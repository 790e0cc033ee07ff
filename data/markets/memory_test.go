package markets

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"sizeup/market"
)

// bigMarket is the template market grown to n series of about chars
// characters each over horizon years, written as an analyst might: each
// series a sum of terms over the inputs, the series before it and last
// year's values, every constant its own, in plain numbers so that its
// units agree (DESIGN.md §10). The case is
// bigMarket(194, 1900, 50), which peaked at 141 MB in the app.
func bigMarket(n, chars, horizon int) []byte {
	src := string(templateSource())
	src = strings.Replace(src, "horizon = 8\n", fmt.Sprintf("horizon = %d\n", horizon), 1)
	at := strings.Index(src, "[outputs]")
	inputs := []string{"user_growth", "market_growth", "interested[towns]", "conversion"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for i := 0; i < n; i++ {
		var f strings.Builder
		f.WriteString("sum(users) / sum(internet_users) * 0.001") // one number: the template's users are per area
		for f.Len() < chars-60 {
			k := fmt.Sprintf("%.4f", r.Float64())
			in := inputs[r.IntN(len(inputs))]
			switch {
			case i > 0 && r.IntN(3) == 0:
				fmt.Fprintf(&f, " + prev(g%d) * %s", r.IntN(i), k)
			case i > 0 && r.IntN(2) == 0:
				fmt.Fprintf(&f, " + max(g%d * %s, %s * t)", r.IntN(i), k, in)
			default:
				fmt.Fprintf(&f, " + %s * (1 + %s)^t", in, k)
			}
		}
		fmt.Fprintf(&b, "[[series]]\nid = \"g%d\"\nlabel = \"G %d\"\nunit = \"coefficient\"\nformula = \"%s\"\n\n", i, i, f.String())
	}
	// and a few checks over the last series, as a careful analyst adds
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&b, "[[check]]\nid = \"c%d\"\nwhen = \"g%d * market_size > tam_usd * %d\"\nsay = \"G %d passes {g%d / tam_usd} of TAM in {year}.\"\n\n", i, n-1-i, i+2, n-1-i, n-1-i)
	}
	return []byte(src[:at] + b.String() + src[at:])
}

func templateSource() []byte {
	b, err := os.ReadFile("../template.toml")
	if err != nil {
		panic(err)
	}
	return b
}

func TestWriteBigMarket(t *testing.T) {
	out := os.Getenv("SIZEUP_BIG_MARKET")
	if out == "" {
		t.Skip("SIZEUP_BIG_MARKET=FILE [SIZEUP_BIG_SERIES=N] writes bigMarket(N or 194, 1900, 50) there")
	}
	n := 194
	if s := os.Getenv("SIZEUP_BIG_SERIES"); s != "" {
		fmt.Sscan(s, &n)
	}
	if err := os.WriteFile(out, bigMarket(n, 1900, 50), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBigMarketStaysInItsBudget: the market (194 series of ~1,900
// characters over 50 years, 42,000 operations) is refused at the formula
// that takes it past formula.MaxNodes; one just under the limit evaluates
// its checks and projections without a register file of garbage per call
// (it was nodes × years × 8 bytes, 8 MB here, a keystroke: 141 MB peak in
// the app), and its ModelBytes counts what the model takes.
func TestBigMarketStaysInItsBudget(t *testing.T) {
	_, err := ParseMarket("big.toml", bigMarket(194, 1900, 50))
	if err == nil || !strings.Contains(err.Error(), "a market has at most 20000") || !regexp.MustCompile(`^big\.toml:\d+:\d+: series g\d+: `).MatchString(err.Error()) {
		t.Fatalf("194 series of 1,900 characters: %v, want a refusal at file:line:col naming the limit", err)
	}
	m, err := ParseMarket("big.toml", bigMarket(84, 1900, 50))
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	p := m.Evaluate(&v)
	allocated := func(f func()) uint64 {
		var a, b runtime.MemStats
		f() // the pool's first buffer
		runtime.GC()
		runtime.ReadMemStats(&a)
		for range 10 {
			f()
		}
		runtime.ReadMemStats(&b)
		return (b.TotalAlloc - a.TotalAlloc) / 10
	}
	// Half the register file: it was one whole a call. The race detector
	// makes sync.Pool drop a share of what is put back, so the pool's
	// reuse is not measured under it.
	regs := uint64(m.Operations()) * 51 * 8
	bound := regs / 2
	if raceEnabled {
		bound = 100 * regs
	}
	if got := allocated(func() { m.Warnings(&v, market.USD) }); got > bound {
		t.Errorf("Warnings allocates %d bytes a call; the register file is %d", got, regs)
	}
	if got := allocated(func() { m.EvaluateInto(&p, &v) }); got > bound {
		t.Errorf("EvaluateInto allocates %d bytes a call; the register file is %d", got, regs)
	}
	if got := allocated(func() { _ = m.Evaluate(&v) }); got > bound {
		t.Errorf("Evaluate allocates %d bytes a call (a Projection keeps only its series, %d); the register file is %d", got, len(m.Series)*51*8, regs)
	}
	if mb := m.ModelBytes(); mb < int64(regs) || mb > 20<<20 {
		t.Errorf("ModelBytes = %d, want at least the register file (%d) and at most 20 MB", mb, regs)
	}
}
