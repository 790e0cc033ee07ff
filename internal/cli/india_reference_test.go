package cli

// Reference evaluation of data/india-2016.toml, written by hand from the
// model's meaning, not from the formulas' text: every series, for each year
// 0..horizon, in plain Go. v holds the inputs by id in model units (people,
// US dollars, fractions, years). Semantics as DESIGN §9: prev = 0 in the base
// year, a/b = 0 when b = 0, bass(p, q, s) = 0 when s <= 0 or p <= 0.

import (
	"math"
	"math/rand/v2"
	"testing"

	"sizeup/data/markets"
)

func indiaReference(v map[string]float64, baseYear, horizon int) map[string][]float64 {
	n := horizon + 1
	out := map[string][]float64{}
	col := func(id string) []float64 {
		if out[id] == nil {
			out[id] = make([]float64, n)
		}
		return out[id]
	}
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	on := func(c bool) float64 {
		if c {
			return 1
		}
		return 0
	}
	bass := func(p, q, s float64) float64 {
		if s <= 0 || p <= 0 {
			return 0
		}
		e := math.Exp(-(p + q) * s)
		return (1 - e) / (1 + q/p*e)
	}
	clamp := func(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

	for i := 0; i < n; i++ {
		t := float64(i)
		year := float64(baseYear + i)

		// Who can watch: people online, those on broadband (Jio adds a step
		// from jio_year), and those of them who watch online video.
		users := math.Min(v["internet_users"]*math.Pow(1+v["user_growth"], t), v["user_ceiling"])
		jio := v["jio_effect"] * on(year >= v["jio_year"])
		capable := clamp(v["broadband_share"]+v["broadband_gain"]*t+jio*v["jio_lift"], 0, 1)
		broadband := users * capable
		viewers := broadband * v["video_reach"]

		// Who pays for any streaming service: Bass diffusion since paid_start.
		adoption := bass(v["bass_p"], v["bass_q"], year-v["paid_start"]+1)
		payers := viewers * v["svod_ceiling"] * adoption

		// Netflix's members at year end, and the average paying over the year
		// (it launched in January of the base year, from zero).
		mobileOn := v["mobile_plan"] * on(year >= v["mobile_year"])
		subs := math.Min(payers*v["netflix_share"]*(1+mobileOn*v["mobile_lift"]), payers)
		prevSubs := 0.0
		if i > 0 {
			prevSubs = out["subscribers"][i-1]
		}
		paying := (prevSubs + subs) / 2

		// Price is held in rupees; dollars follow the rupee's drift.
		inrRate := v["fx_inr_per_usd"] * math.Pow(1+v["inr_depreciation"], t)
		mix := mobileOn * v["mobile_lift"] / (1 + v["mobile_lift"])
		rupeePriceAtBaseRate := v["price"]*(1-mix) + v["mobile_price"]*mix
		priceUSD := div(rupeePriceAtBaseRate*v["fx_inr_per_usd"], inrRate)
		gross := paying * priceUSD * 12
		tax := 0.0
		if year >= 2017 { // OIDAR service tax from Dec 2016, GST from Jul 2017
			tax = v["indirect_tax"]
		}
		billed := div(gross, 1+tax) // what the filings count: less tax, before any channel
		net := billed * (1 - v["channel_cut"])

		// The market: fast growth until boom_end, slower after.
		boom := clamp(v["boom_end"]-float64(baseYear), 0, t)
		tam := v["market_size"] * math.Pow(1+v["market_growth"], boom) * math.Pow(1+v["late_growth"], t-boom)
		// The paid share ramps by calendar year to pay_share_year.
		paidShare := v["pay_share"] + (v["pay_share_end"]-v["pay_share"])*clamp(t/math.Max(v["pay_share_year"]-float64(baseYear), 1), 0, 1)
		sam := tam * paidShare

		for id, x := range map[string]float64{
			"users": users, "jio_on": jio, "capable": capable, "broadband_users": broadband,
			"viewers": viewers, "paid_adoption": adoption, "payers": payers,
			"mobile_on": mobileOn, "subscribers": subs, "paying": paying,
			"inr_rate": inrRate, "mobile_mix": mix, "price_usd": priceUSD,
			"gross_usd": gross, "tax_rate": tax, "billed_usd": billed, "net_usd": net,
			"boom_years": boom, "tam_usd": tam, "paid_share": paidShare, "sam_usd": sam,
			"share_of_tam": div(gross, tam), "share_of_sam": div(gross, sam),
		} {
			col(id)[i] = x
		}
	}
	return out
}

// TestIndiaIsItsIndependentReference: the built-in India market, a model of
// another shape (no licence gate or deal, a Jio step, a rupee that drifts),
// reports what indiaReference — the same model written out by hand in Go,
// by someone else, from its meaning — computes, for random --set
// combinations and horizons: every series of every year to 1e-9, relative.
func TestIndiaIsItsIndependentReference(t *testing.T) {
	m, err := markets.OpenMarket("india-2016")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(16, 2016))
	trials := 80
	if testing.Short() {
		trials = 15
	}
	for trial := 0; trial < trials; trial++ {
		args, horizon := []string{"--market", "india-2016"}, m.Horizon
		if trial > 0 { // the first trial at the defaults
			args, horizon = randomArgs(r, m, args)
		}
		v := valuesOf(t, m, args)
		byName := map[string]float64{}
		for id := range m.Inputs {
			byName[m.Inputs[id].Name] = v[id]
		}
		want := indiaReference(byName, m.BaseYear, horizon)
		code, out, errs := runCmd(t, append([]string{"report", "--format", "csv"}, args...)...)
		if code != 0 {
			t.Fatalf("trial %d %v: exit %d: %s", trial, args, code, errs)
		}
		cols, rows := table(t, out)
		if len(rows) != horizon+1 || len(cols) != len(m.Series)+1 {
			t.Fatalf("trial %d: %d rows of %d columns", trial, len(rows), len(cols))
		}
		for y, row := range rows {
			for c, name := range cols[1:] {
				w, ok := want[name]
				if !ok {
					t.Fatalf("the reference has no %s", name)
				}
				if got := row[c+1]; math.Abs(got-w[y]) > 1e-9*math.Abs(w[y])+1e-12 {
					t.Errorf("trial %d %v: %d %s = %.12g, the reference gives %.12g", trial, args, m.BaseYear+y, name, got, w[y])
				}
			}
		}
	}
}
