package market

import (
	"encoding/binary"
	"math"
	"testing"
)

// near reports whether got is within a relative 1e-9 of want.
func near(got, want float64) bool {
	if want == 0 {
		return math.Abs(got) < 1e-9
	}
	return math.Abs(got-want) <= 1e-9*math.Abs(want)
}

func check(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}

func TestDefaultsByHand(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	p := m.Evaluate(&v)
	if len(rows(&p)) != 11 || firstRow(&p).Year != 2015 || lastRow(&p).Year != 2025 {
		t.Fatalf("projection covers %d rows from %d to %d, want 11 rows 2015–2025", len(rows(&p)), firstRow(&p).Year, lastRow(&p).Year)
	}

	// 2015, the base year, before launch: users 649M (below the 1.1bn
	// ceiling); viewers 649M × 0.73 = 473.77M; every licence on, so
	// coverage 1; TAM $6B; pay share 15%, so SAM = $6B × 1 × 0.15 = $0.9B;
	// no service yet, so no subscribers and no revenue.
	y := yearAt(&p, 2015)
	check(t, "2015 users", y.Users, 649e6)
	check(t, "2015 viewers", y.Viewers, 473.77e6)
	check(t, "2015 coverage", y.Coverage, 1)
	check(t, "2015 TAM", y.TAM, 6e9)
	check(t, "2015 pay share", y.PayShare, 0.15)
	check(t, "2015 SAM", y.SAM, 0.9e9)
	check(t, "2015 subscribers", y.Subscribers, 0)
	check(t, "2015 gross", y.Gross, 0)
	check(t, "2015 share of SAM", y.ShareOfSAM, 0)
	// Market ARPU 6e9 / 473.77e6 = 12.66437...
	check(t, "2015 market ARPU", y.MarketARPU, 6e9/473.77e6)

	// 2016, the launch year (s = 1): users 649M × 1.06 = 687.94M; viewers
	// × 0.73 = 502.1962M. Bass: p+q = 0.41, e^−0.41 = 0.66365025, q/p =
	// 12.6667, F(1) = (1 − 0.66365025)/(1 + 12.6667 × 0.66365025) =
	// 0.33634975/9.40623650 = 0.03575816. Subscribers 502.1962M × 0.02 ×
	// 0.03575816 = 359,152.28; paying (0 + 359,152.28)/2 = 179,576.14;
	// 12 − 6 months of approval lag = 6 months; gross 179,576.14 × $4 × 6 =
	// $4,309,827.41; net half of it $2,154,913.71; risk-weighted × 0.5.
	// Pay share 0.15 + (0.40 − 0.15) × 1/10 = 0.175; SAM $7.5B × 0.175 =
	// $1.3125B; share of SAM 4,309,827.41 / 1.3125B = 0.32837%.
	y = yearAt(&p, 2016)
	check(t, "2016 users", y.Users, 687.94e6)
	check(t, "2016 viewers", y.Viewers, 502.1962e6)
	check(t, "2016 TAM", y.TAM, 7.5e9)
	check(t, "2016 pay share", y.PayShare, 0.175)
	check(t, "2016 SAM", y.SAM, 1.3125e9)
	check(t, "2016 adoption", y.Adoption, 0.33634974962/9.40623650)
	check(t, "2016 gross is half a year", y.Gross, y.Paying*4*6)
	check(t, "2016 subscribers", y.Subscribers, 502.1962e6*0.02*(1-math.Exp(-0.41))/(1+0.38/0.03*math.Exp(-0.41)))
	if math.Abs(y.Subscribers-359152.28) > 0.01 {
		t.Errorf("2016 subscribers = %.2f, want 359,152.28 by hand", y.Subscribers)
	}
	if math.Abs(y.Gross-4309827.41) > 0.01 || math.Abs(y.Net-2154913.71) > 0.01 || math.Abs(y.RiskNet-1077456.85) > 0.01 {
		t.Errorf("2016 gross, net, risk-weighted = %.2f, %.2f, %.2f; want 4,309,827.41, 2,154,913.71, 1,077,456.85", y.Gross, y.Net, y.RiskNet)
	}
	check(t, "2016 share of SAM", y.ShareOfSAM, y.Gross/1.3125e9)

	// 2024, s = 9: users 649M × 1.06^9 = 1,096,471,844, still below the
	// 1.1bn ceiling; e^−3.69 = 0.02497, F(9) = 0.74072711 → 1,096.47M ×
	// 0.73 × 0.02 × 0.74072711 = 11,857,922 subscribers.
	y = yearAt(&p, 2024)
	if math.Abs(y.Users-1096471844) > 1 || math.Abs(y.Subscribers-11857922) > 1 {
		t.Errorf("2024 users, subscribers = %.0f, %.0f; want 1,096,471,844, 11,857,922", y.Users, y.Subscribers)
	}

	// 2025, s = 10: TAM $6B × 1.25^10 = $6B × 9.31322575 = $55,879,354,476.93;
	// users 649M × 1.06^10 = 1,162,260,155 would pass the ceiling, so
	// users = 1,100,000,000; viewers 803M. e^−4.1 = 0.01657268, F(10) =
	// 0.98342732/(1 + 12.6667 × 0.01657268) = 0.81280322; subscribers
	// 803M × 0.02 × 0.81280322 = 13,053,620; paying (11,857,922 +
	// 13,053,620)/2 = 12,455,771; gross × $4 × 12 = $597.88M; net $298.94M;
	// share of TAM 597.88M/55.879B = 1.0699%. Pay share 0.40, SAM =
	// $55.879B × 0.40 = $22,351,741,790.77, share of SAM 2.6749%.
	y = yearAt(&p, 2025)
	check(t, "2025 TAM", y.TAM, 55879354476.92871)
	check(t, "2025 users", y.Users, 1.1e9)
	if math.Abs(y.Subscribers-13053620) > 1 || math.Abs(y.Paying-12455771) > 1 {
		t.Errorf("2025 subscribers, paying = %.0f, %.0f; want 13,053,620, 12,455,771", y.Subscribers, y.Paying)
	}
	if math.Abs(y.Gross-597.88e6) > 0.01e6 || math.Abs(y.Net-298.94e6) > 0.01e6 {
		t.Errorf("2025 gross, net = %.0f, %.0f; want about $597.88M, $298.94M", y.Gross, y.Net)
	}
	if math.Abs(y.ShareOfTAM-0.010699) > 0.000001 {
		t.Errorf("2025 share of TAM = %.6f, want 0.010699", y.ShareOfTAM)
	}
	check(t, "2025 pay share", y.PayShare, 0.40)
	check(t, "2025 SAM", y.SAM, 22351741790.771484)
	if math.Abs(y.ShareOfSAM-0.026749) > 0.000001 {
		t.Errorf("2025 share of SAM = %.6f, want 0.026749", y.ShareOfSAM)
	}
	check(t, "2025 our ARPU", y.OurARPU, 48) // $4 × 12 months
}

func TestFormulaEveryYear(t *testing.T) {
	// Every row against DESIGN.md §2 written with math.Pow, for the
	// defaults and some moved inputs.
	m := testMarket()
	cases := map[string]func(v *Values){
		"defaults":   func(v *Values) {},
		"late":       func(v *Values) { v[LaunchYear] = 2019; v[ApprovalLag] = 3 },
		"pc only":    func(v *Values) { v[LicenceMobile] = 0; v[LicenceTV] = 0 },
		"stagnation": func(v *Values) { v[UserGrowth] = -0.1; v[MarketGrowth] = -0.05 },
		"boom":       func(v *Values) { v[UserGrowth] = 0.3; v[UserCeiling] = 1e9; v[PayShareEnd] = 0.1 },
	}
	for name, move := range cases {
		v := m.Defaults()
		move(&v)
		p := m.Evaluate(&v)
		prevSubs := 0.0
		for i, y := range rows(&p) {
			tt := float64(i)
			users := math.Min(v[InternetUsers]*math.Pow(1+v[UserGrowth], tt), v[UserCeiling])
			viewers := users * v[VideoReach]
			cov := v[MobileShare]*v[LicenceMobile] + (1-v[MobileShare])*(v[TVShare]*v[LicenceTV]+(1-v[TVShare])*v[LicencePC])
			tam := v[MarketSize] * math.Pow(1+v[MarketGrowth], tt)
			payShare := v[PayShare] + (v[PayShareEnd]-v[PayShare])*tt/float64(m.Horizon)
			sam := tam * cov * payShare
			s := float64(y.Year) - v[LaunchYear] + 1
			adoption := 0.0
			if s > 0 {
				pq := v[BassP] + v[BassQ]
				adoption = (1 - math.Exp(-pq*s)) / (1 + v[BassQ]/v[BassP]*math.Exp(-pq*s))
			}
			subs := viewers * cov * v[Conversion] * adoption
			months := 0.0
			if float64(y.Year) == v[LaunchYear] {
				months = 12 - v[ApprovalLag]
			} else if float64(y.Year) > v[LaunchYear] {
				months = 12
			}
			gross := (prevSubs + subs) / 2 * v[Price] * months
			prevSubs = subs
			shareOfSAM := 0.0
			if sam != 0 {
				shareOfSAM = gross / sam
			}
			for _, c := range []struct {
				what      string
				got, want float64
			}{
				{"users", y.Users, users}, {"viewers", y.Viewers, viewers}, {"coverage", y.Coverage, cov},
				{"reachable", y.Reachable, viewers * cov}, {"tam", y.TAM, tam}, {"pay share", y.PayShare, payShare}, {"sam", y.SAM, sam},
				{"adoption", y.Adoption, adoption}, {"subscribers", y.Subscribers, subs},
				{"gross", y.Gross, gross}, {"net", y.Net, gross * (1 - v[PartnerCut])}, {"share of sam", y.ShareOfSAM, shareOfSAM},
			} {
				if !near(c.got, c.want) {
					t.Errorf("%s: %d %s = %.10g, want %.10g", name, y.Year, c.what, c.got, c.want)
				}
			}
		}
	}
}

func TestLaunchLater(t *testing.T) {
	// Launch in 2018: nothing before; 2018 is s = 1 with 6 months, so its
	// subscribers equal 2016's under a 2016 launch scaled by the larger
	// audience: 2018 viewers = 649M × 1.06³ × 0.73 = 564,267,650.32.
	m := testMarket()
	v := m.Defaults()
	v[LaunchYear] = 2018
	p := m.Evaluate(&v)
	for _, year := range []int{2015, 2016, 2017} {
		if y := yearAt(&p, year); y.Subscribers != 0 || y.Gross != 0 {
			t.Errorf("%d before a 2018 launch: subscribers %v, gross %v; want 0", year, y.Subscribers, y.Gross)
		}
	}
	y := yearAt(&p, 2018)
	f1 := 0.33634974962 / 9.40623650 // F(1) from TestDefaultsByHand
	if math.Abs(y.Subscribers-564267650.32*0.02*f1) > 0.01 {
		t.Errorf("2018 subscribers = %.2f, want %.2f", y.Subscribers, 564267650.32*0.02*f1)
	}
	check(t, "2018 gross", y.Gross, y.Subscribers/2*4*6)
}

func TestLicenceCoverage(t *testing.T) {
	// Coverage = mobile·Lm + (1 − mobile)·(tv·Lt + (1 − tv)·Lpc) with
	// mobile 0.6 and tv 0.25.
	m := testMarket()
	cases := []struct {
		name        string
		mob, pc, tv float64
		coverage    float64
	}{
		{"all devices", 1, 1, 1, 1},
		{"no mobile", 0, 1, 1, 0.4},   // 0.4 × (0.25 + 0.75)
		{"mobile only", 1, 0, 0, 0.6}, // 0.6
		{"TV only", 0, 0, 1, 0.1},     // 0.4 × 0.25
		{"PC only", 0, 1, 0, 0.3},     // 0.4 × 0.75
		{"no licence at all", 0, 0, 0, 0},
	}
	for _, c := range cases {
		v := m.Defaults()
		v[LicenceMobile], v[LicencePC], v[LicenceTV] = c.mob, c.pc, c.tv
		p := m.Evaluate(&v)
		full := m.Defaults()
		pFull := m.Evaluate(&full)
		for i, y := range rows(&p) {
			check(t, c.name+" coverage", y.Coverage, c.coverage)
			check(t, c.name+" SAM", y.SAM, y.TAM*c.coverage*y.PayShare)
			check(t, c.name+" subscribers", y.Subscribers, rows(&pFull)[i].Subscribers*c.coverage)
			check(t, c.name+" TAM unchanged", y.TAM, rows(&pFull)[i].TAM)
		}
	}
}

func TestApprovalLagTwelve(t *testing.T) {
	// A 12-month lag: the launch year earns nothing although people sign up
	// (subscribers > 0); 2017 earns the full year on the average of 2016's
	// and 2017's subscribers.
	m := testMarket()
	v := m.Defaults()
	v[ApprovalLag] = 12
	p := m.Evaluate(&v)
	y16, y17 := yearAt(&p, 2016), yearAt(&p, 2017)
	if y16.Gross != 0 || y16.Subscribers <= 0 {
		t.Errorf("2016 with a 12-month lag: gross %v, subscribers %v; want 0, > 0", y16.Gross, y16.Subscribers)
	}
	check(t, "2017 gross", y17.Gross, (y16.Subscribers+y17.Subscribers)/2*4*12)
	// The lag only touches the launch year.
	d := m.Defaults()
	pd := m.Evaluate(&d)
	check(t, "2017 gross same as with a 6-month lag", y17.Gross, yearAt(&pd, 2017).Gross)
}

func TestRevenueRisesWithPriceAndConversion(t *testing.T) {
	m := testMarket()
	for _, id := range []ID{Price, Conversion} {
		in := m.Inputs[id]
		prev := m.Defaults()
		prev[id] = in.Min
		pPrev := m.Evaluate(&prev)
		for x := in.Min + in.Step; x <= in.Max; x += in.Step * 7 {
			v := m.Defaults()
			v[id] = x
			p := m.Evaluate(&v)
			for i := range rows(&p) {
				if rows(&p)[i].Net < rows(&pPrev)[i].Net {
					t.Fatalf("%s %v → %v: %d net fell from %v to %v", id, prev[id], x, rows(&p)[i].Year, rows(&pPrev)[i].Net, rows(&p)[i].Net)
				}
				if rows(&p)[i].Year > 2016 && rows(&p)[i].Net <= rows(&pPrev)[i].Net {
					t.Fatalf("%s %v → %v: %d net did not rise (%v)", id, prev[id], x, rows(&p)[i].Year, rows(&p)[i].Net)
				}
			}
			prev, pPrev = v, p
		}
	}
}

func TestNoLicenceNoSubscribers(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	v[LicenceMobile], v[LicencePC], v[LicenceTV] = 0, 0, 0
	p := m.Evaluate(&v)
	for _, y := range rows(&p) {
		if y.Subscribers != 0 || y.Gross != 0 || y.SAM != 0 {
			t.Errorf("%d with no licence: subscribers %v, gross %v, SAM %v; want all 0", y.Year, y.Subscribers, y.Gross, y.SAM)
		}
	}
}

func TestEvaluateIntoReusesStorage(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	var p Projection
	m.EvaluateInto(&p, &v)
	allocs := testing.AllocsPerRun(100, func() { m.EvaluateInto(&p, &v) })
	if allocs != 0 {
		t.Errorf("EvaluateInto allocates %v times per call, want 0", allocs)
	}
	want := m.Evaluate(&v)
	for i := range rows(&want) {
		if rows(&want)[i] != rows(&p)[i] {
			t.Fatalf("EvaluateInto row %d differs from Evaluate", i)
		}
	}
}

// valuesFromBytes turns fuzz bytes into values within each input's hard
// limits: eight bytes per input, read as a fraction of min..max, with the
// exact ends reachable.
func valuesFromBytes(m *Market, b []byte) Values {
	v := m.Defaults()
	for id := ID(0); id < NumInputs && len(b) >= 8; id++ {
		u := binary.LittleEndian.Uint64(b[:8])
		b = b[8:]
		in := m.Inputs[id]
		var frac float64
		switch u % 4 {
		case 0:
			frac = 0
		case 1:
			frac = 1
		default:
			frac = float64(u>>11) / (1 << 53)
		}
		v[id] = in.Clamp(in.Min + frac*(in.Max-in.Min))
	}
	return v
}

func FuzzEvaluateFinite(f *testing.F) {
	f.Add(make([]byte, 8*int(NumInputs)))              // every input at its minimum
	f.Add(bytesOf(0x0101010101010101, int(NumInputs))) // every input at its maximum
	f.Add(bytesOf(0x8000000000000002, int(NumInputs))) // near the middle
	f.Add([]byte{})                                    // the defaults
	m := testMarket()
	m.Horizon = 50 // the longest horizon a market may ask for
	f.Fuzz(func(t *testing.T, b []byte) {
		v := valuesFromBytes(m, b)
		p := m.Evaluate(&v)
		for _, y := range rows(&p) {
			for _, x := range []float64{y.Users, y.Viewers, y.Coverage, y.Reachable, y.TAM, y.SAM, y.Adoption,
				y.Subscribers, y.Paying, y.Gross, y.Net, y.RiskNet, y.ShareOfTAM, y.PayShare, y.ShareOfSAM, y.MarketARPU, y.OurARPU} {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("values %v give a non-finite output in %d: %+v", v, y.Year, y)
				}
			}
			if y.Adoption < 0 || y.Adoption > 1 || y.Coverage < 0 || y.Coverage > 1 {
				t.Fatalf("values %v: adoption %v or coverage %v outside 0..1", v, y.Adoption, y.Coverage)
			}
		}
	})
}

func bytesOf(word uint64, n int) []byte {
	b := make([]byte, 8*n)
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint64(b[8*i:], word)
	}
	return b
}

// BenchmarkEvaluateRecurrence is BenchmarkEvaluate on China with one more
// series that reads its own past (net revenue to date): only its loop
// goes year by year, the 17 others stay by columns.
func BenchmarkEvaluateRecurrence(b *testing.B) {
	m := testMarket()
	m.Series = append(m.Series, SeriesDef{ID: "net_to_date", Label: "Net revenue to date", Unit: UnitUSD, Formula: "prev(net_to_date) + net_usd"})
	m.Defs = nil // compile the series as they are now
	if err := m.Compile(); err != nil {
		b.Fatal(err)
	}
	if len(m.prog.series) != 18 || len(m.prog.full.Recur) != 1 {
		b.Fatalf("%d series, %d loops through prev; want 18 and 1", len(m.prog.series), len(m.prog.full.Recur))
	}
	v := m.Defaults()
	var p Projection
	b.ReportAllocs()
	for b.Loop() {
		v[Conversion] = 0.02 + float64(b.N%7)*0.001 // a slider moving
		m.EvaluateInto(&p, &v)
	}
}

func BenchmarkEvaluate(b *testing.B) {
	m := testMarket()
	v := m.Defaults()
	var p Projection
	b.ReportAllocs()
	for b.Loop() {
		v[Conversion] = 0.02 + float64(b.N%7)*0.001 // a slider moving
		m.EvaluateInto(&p, &v)
	}
}
