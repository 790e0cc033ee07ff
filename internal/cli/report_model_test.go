package cli

import (
	"encoding/csv"
	"encoding/json"

	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"sizeup/data/markets"
	"sizeup/market"
)

// TestReportIsTheDesignModel checks `sizeup report --format csv` against
// DESIGN.md §2 recomputed here, from the formulas, for random --set
// combinations and horizons: every column of every year to 1e-6, relative.
// The values the flags set are read back from `sizeup inputs --format
// json`, so the check is of the model, not of the parser's rounding.
func TestReportIsTheDesignModel(t *testing.T) {
	m, err := markets.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 2026))
	trials := 120
	if testing.Short() {
		trials = 20
	}
	for trial := 0; trial < trials; trial++ {
		args, horizon := randomArgs(r, m, nil)
		v := valuesOf(t, m, args)
		code, out, errs := runCmd(t, append([]string{"report", "--format", "csv"}, args...)...)
		if code != 0 {
			t.Fatalf("trial %d %v: exit %d: %s", trial, args, code, errs)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != horizon+2 {
			t.Fatalf("trial %d: %d rows for a horizon of %d", trial, len(rows), horizon)
		}
		col := map[string]int{}
		for i, name := range rows[0] {
			col[name] = i
		}
		prevSubs := 0.0
		for i, row := range rows[1:] {
			want := designYear(m, &v, m.BaseYear, i, horizon, &prevSubs)
			for name, w := range want {
				j, ok := col[name]
				if !ok {
					t.Fatalf("report has no column %s", name)
				}
				got, err := strconv.ParseFloat(row[j], 64)
				if err != nil {
					t.Fatalf("trial %d: %s %q: %v", trial, name, row[j], err)
				}
				if math.Abs(got-w) > 1e-6*math.Abs(w)+1e-9 {
					t.Errorf("trial %d %v: %d %s = %.12g, §2 gives %.12g", trial, args, m.BaseYear+i, name, got, w)
				}
			}
		}
	}
}

// designYear is row t of DESIGN.md §2 at values v, written out anew.
func designYear(m *market.Market, v *market.Values, base, t, horizon int, prevSubs *float64) map[string]float64 {
	x := func(name string) float64 {
		id, ok := m.LookupInput(name)
		if !ok {
			panic("no input " + name)
		}
		return v[id]
	}
	tt := float64(t)
	year := base + t
	users := math.Min(x("internet_users")*math.Pow(1+x("user_growth"), tt), x("user_ceiling"))
	viewers := users * x("video_reach")
	mobile, tv := x("mobile_share"), x("tv_share")
	coverage := mobile*x("licence_mobile") + (1-mobile)*(tv*x("licence_tv")+(1-tv)*x("licence_pc"))
	reachable := viewers * coverage
	// iResearch's forecast rate to 2018, the later rate after it
	// (DESIGN.md §11); the paid share ramps to pay_share_year by calendar
	// year, whatever the horizon.
	fast := math.Max(0, math.Min(2018-float64(base), tt))
	tam := x("market_size") * math.Pow(1+x("market_growth"), fast) * math.Pow(1+x("late_growth"), tt-fast)
	payShare := x("pay_share_start") + (x("pay_share_end")-x("pay_share_start"))*math.Max(0, math.Min(tt/math.Max(x("pay_share_year")-float64(base), 1), 1))
	sam := tam * coverage * payShare
	s := float64(year) - x("launch_year") + 1
	adoption := 0.0
	if p, q := x("bass_p"), x("bass_q"); s > 0 && p > 0 {
		adoption = (1 - math.Exp(-(p+q)*s)) / (1 + q/p*math.Exp(-(p+q)*s))
	}
	subs := reachable * x("conversion") * adoption
	paying := (*prevSubs + subs) / 2
	*prevSubs = subs
	months := 0.0
	switch {
	case float64(year) == x("launch_year"):
		months = 12 - x("approval_lag")
	case float64(year) > x("launch_year"):
		months = 12
	}
	gross := paying * x("price") * months
	net := gross * (1 - x("partner_cut"))
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	return map[string]float64{
		"year": float64(year), "users": users, "viewers": viewers, "coverage": coverage, "reachable": reachable,
		"tam_usd": tam, "sam_usd": sam, "adoption": adoption, "subscribers": subs, "paying": paying,
		"gross_usd": gross, "net_usd": net, "share_of_tam": div(gross, tam), "pay_share": payShare,
		"share_of_sam": div(gross, sam), "risk_weighted_net_usd": net * x("deal_probability"),
		"market_arpu_usd": div(tam, viewers), "our_arpu_usd": div(gross, paying),
	}
}

// randomSetting is a value for --set anywhere in the input's hard limits,
// written as people type it: shares and rates as percents.
func randomSetting(r *rand.Rand, in *market.Input) string {
	x := in.Min + (in.Max-in.Min)*r.Float64()
	if r.IntN(2) == 0 {
		x = in.Low + (in.High-in.Low)*r.Float64()
	}
	switch in.Kind {
	case market.KindSwitch:
		return []string{"off", "on"}[r.IntN(2)]
	case market.KindYear:
		return strconv.Itoa(int(in.Min) + r.IntN(int(in.Max-in.Min)+1))
	case market.KindShare, market.KindProbability, market.KindGrowth:
		return strconv.FormatFloat(100*x, 'f', 3, 64) + "%"
	}
	return strconv.FormatFloat(x, 'g', 8, 64)
}

// randomArgs adds to args a --set for about a third of m's inputs, each at
// a random value (within its range or, half the time, anywhere it is
// accepted), and a random --horizon one time in four; horizon is the one
// the flags give.
func randomArgs(r *rand.Rand, m *market.Market, args []string) ([]string, int) {
	for _, id := range m.Order {
		if r.IntN(3) == 0 {
			args = append(args, "--set", m.Inputs[id].Name+"="+randomSetting(r, m.Input(id)))
		}
	}
	horizon := m.Horizon
	if r.IntN(4) == 0 {
		horizon = 1 + r.IntN(50)
		args = append(args, "--horizon", strconv.Itoa(horizon))
	}
	return args, horizon
}

// valuesOf reads back the values that the --set flags give.
func valuesOf(t *testing.T, m *market.Market, args []string) market.Values {
	t.Helper()
	var sets []string
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "--set" || args[i] == "--market" {
			sets = append(sets, args[i], args[i+1])
		}
	}
	code, out, errs := runCmd(t, append([]string{"inputs", "--format", "json"}, sets...)...)
	if code != 0 {
		t.Fatalf("inputs %v: exit %d: %s", sets, code, errs)
	}
	var rows []struct {
		ID    string  `json:"id"`
		Value float64 `json:"value"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	for _, row := range rows {
		id, ok := m.LookupInput(row.ID)
		if !ok {
			t.Fatalf("inputs lists %q", row.ID)
		}
		v[id] = row.Value
	}
	return v
}

// TestInputsCitesTheNewDefaults: every input issue 11 added carries its
// source and its year in `sizeup inputs`, in the table and in JSON.
func TestInputsCitesTheNewDefaults(t *testing.T) {
	code, table, errs := runCmd(t, "inputs")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := map[string][]string{
		"user_ceiling":    {"1,100M", "NBS", "CNNIC", "2024"},
		"pay_share_start": {"15.0%", "iQIYI F-1 prospectus", "2018"},
		"pay_share_end":   {"40.0%", "iQIYI F-1 prospectus", "2018"},
	}
	for id, says := range want {
		line := ""
		for _, l := range strings.Split(table, "\n") {
			if strings.HasPrefix(l, id+" ") {
				line = l
			}
		}
		for _, s := range says {
			if !strings.Contains(line, s) {
				t.Errorf("inputs: the %s line %q does not say %q", id, line, s)
			}
		}
	}
	_, js, _ := runCmd(t, "inputs", "--format", "json")
	var rows []struct {
		ID         string `json:"id"`
		Source     string `json:"source"`
		SourceYear int    `json:"source_year"`
		URL        string `json:"url"`
		Note       string `json:"note"`
	}
	if err := json.Unmarshal([]byte(js), &rows); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range rows {
		if _, ok := want[r.ID]; ok {
			found++
			if r.Source == "" || r.SourceYear == 0 || !strings.HasPrefix(r.URL, "https://") || r.Note == "" {
				t.Errorf("%s: %+v, want a source, a year, a URL and a note", r.ID, r)
			}
		}
	}
	if found != len(want) {
		t.Errorf("inputs --format json lists %d of the %d new inputs", found, len(want))
	}
}
