package market

// The China 2015 market's inputs, numbered as the market file's streams
// (and as sizeup numbered them before markets were files), for the tests.
const (
	InternetUsers ID = iota
	UserGrowth
	VideoReach
	MobileShare
	TVShare
	MarketSize
	MarketGrowth
	LicenceMobile
	LicencePC
	LicenceTV
	LaunchYear
	ApprovalLag
	Conversion
	Price
	PartnerCut
	BassP
	BassQ
	DealProbability
	FXCNYPerUSD
	UserCeiling
	PayShare
	PayShareEnd
	NumInputs = 22
)

// Its series, in the file's order.
const (
	OutUsers Output = iota
	OutViewers
	OutCoverage
	OutReachable
	OutTAM
	OutSAM
	OutAdoption
	OutSubscribers
	OutPaying
	OutGross
	OutNet
	OutShareOfTAM
	OutPayShare
	OutShareOfSAM
	OutRiskNet
	OutMarketARPU
	OutOurARPU
)

var testNames = [NumInputs]string{"internet_users", "user_growth", "video_reach", "mobile_share", "tv_share",
	"market_size", "market_growth", "licence_mobile", "licence_pc", "licence_tv", "launch_year", "approval_lag",
	"conversion", "price", "partner_cut", "bass_p", "bass_q", "deal_probability", "fx_cny_per_usd",
	"user_ceiling", "pay_share_start", "pay_share_end"}

var testKinds = [NumInputs]Kind{KindAmount, KindGrowth, KindShare, KindShare, KindShare, KindAmount, KindGrowth,
	KindSwitch, KindSwitch, KindSwitch, KindYear, KindMonths, KindShare, KindAmount, KindShare, KindAmount, KindAmount,
	KindProbability, KindRate, KindAmount, KindShare, KindShare}

// testMarket is the default China 2015 market written out in Go, its
// formulas as in data/china-2015.toml, so the model's tests stand alone
// (package data checks the embedded file carries the same figures).
func testMarket() *Market {
	m := &Market{Name: "China online video", BaseYear: 2015, Horizon: 10, Inputs: make([]Input, NumInputs)}
	set := func(id ID, label string, unit Unit, def, low, high, min, max, step float64) {
		m.Inputs[id] = Input{ID: id, Name: testNames[id], Label: label, Group: "g", Kind: testKinds[id], Unit: unit,
			Default: def, Low: low, High: high, Min: min, Max: max, Step: step, Stream: uint64(id), Symbol: "¥", LocalCode: "CNY"}
		m.Order = append(m.Order, id)
	}
	set(InternetUsers, "Internet users", UnitPeople, 649e6, 618e6, 688e6, 0, 2e9, 5e6)
	set(UserGrowth, "User growth", UnitPercentYear, 0.06, 0.03, 0.07, -0.2, 0.5, 0.005)
	set(VideoReach, "Video reach", UnitPercent, 0.73, 0.667, 0.75, 0, 1, 0.01)
	set(MobileShare, "Mobile share", UnitPercent, 0.60, 0.60, 0.86, 0, 1, 0.01)
	set(TVShare, "TV share", UnitPercent, 0.25, 0.10, 0.50, 0, 1, 0.01)
	set(MarketSize, "Market size", UnitUSD, 6e9, 3.9e9, 6.2e9, 0, 100e9, 100e6)
	set(MarketGrowth, "Market growth", UnitPercentYear, 0.25, 0.10, 0.50, -0.2, 1, 0.01)
	set(LicenceMobile, "Licence: mobile", UnitOnOff, 1, 0, 1, 0, 1, 1)
	set(LicencePC, "Licence: PC", UnitOnOff, 1, 0, 1, 0, 1, 1)
	set(LicenceTV, "Licence: TV", UnitOnOff, 1, 0, 1, 0, 1, 1)
	set(LaunchYear, "Launch year", UnitYear, 2016, 2016, 2020, 2015, 2035, 1)
	set(ApprovalLag, "Approval lag", UnitMonths, 6, 0, 12, 0, 12, 1)
	set(Conversion, "Conversion", UnitPercent, 0.02, 0.005, 0.08, 0, 1, 0.001)
	set(Price, "Price", UnitUSDPerMonth, 4, 2.39, 9.99, 0, 50, 0.25)
	set(PartnerCut, "Partner cut", UnitPercent, 0.5, 0.3, 0.7, 0, 1, 0.01)
	set(BassP, "Bass p", UnitCoefficient, 0.03, 0.01, 0.05, 0.001, 0.5, 0.005)
	set(BassQ, "Bass q", UnitCoefficient, 0.38, 0.2, 0.6, 0, 1.5, 0.02)
	set(DealProbability, "Deal probability", UnitPercent, 0.5, 0.2, 0.8, 0, 1, 0.05)
	set(FXCNYPerUSD, "CNY per USD", UnitLocalPerUSD, 6.28, 6.12, 6.64, 1, 20, 0.01)
	set(UserCeiling, "User ceiling", UnitPeople, 1.1e9, 1.0e9, 1.2e9, 100e6, 2e9, 10e6)
	set(PayShare, "Paid share", UnitPercent, 0.15, 0.07, 0.19, 0, 1, 0.01)
	set(PayShareEnd, "Paid share, end", UnitPercent, 0.40, 0.25, 0.55, 0, 1, 0.01)
	m.Inputs[UserGrowth].Observed = []float64{0.050, 0.061, 0.062}
	m.Inputs[MarketGrowth].Observed = []float64{0.76, 0.50, 0.56, 0.326}
	m.Local = LocalCurrency{Code: "CNY", Symbol: "¥", Rate: FXCNYPerUSD}
	series := func(id, label string, unit Unit, formula string) {
		m.Series = append(m.Series, SeriesDef{ID: id, Label: label, Unit: unit, Formula: formula})
	}
	series("users", "Internet users", UnitPeople, "min(internet_users * (1 + user_growth)^t, user_ceiling)")
	series("viewers", "Video viewers", UnitPeople, "users * video_reach")
	series("coverage", "Coverage", UnitPercent, "mobile_share * licence_mobile + (1 - mobile_share) * (tv_share * licence_tv + (1 - tv_share) * licence_pc)")
	series("reachable", "Reachable viewers", UnitPeople, "viewers * coverage")
	series("tam_usd", "TAM", UnitUSD, "market_size * (1 + market_growth)^t")
	series("sam_usd", "SAM", UnitUSD, "tam_usd * coverage * pay_share")
	series("adoption", "Adoption", UnitPercent, "bass(bass_p, bass_q, year - launch_year + 1)")
	series("subscribers", "Subscribers", UnitPeople, "reachable * conversion * adoption")
	series("paying", "Paying (year average)", UnitPeople, "(prev(subscribers) + subscribers) / 2")
	series("gross_usd", "Gross revenue", UnitUSD, "paying * price * if(year == launch_year, 12 - approval_lag, if(year > launch_year, 12, 0))")
	series("net_usd", "Net revenue", UnitUSD, "gross_usd * (1 - partner_cut)")
	series("share_of_tam", "Share of TAM", UnitPercent, "gross_usd / tam_usd")
	series("pay_share", "Paid share", UnitPercent, "pay_share_start + (pay_share_end - pay_share_start) * t / horizon")
	series("share_of_sam", "Share of SAM", UnitPercent, "gross_usd / sam_usd")
	series("risk_weighted_net_usd", "Expected net at the sliders", UnitUSD, "net_usd * deal_probability")
	series("market_arpu_usd", "Market revenue per viewer", UnitUSD, "tam_usd / viewers")
	series("our_arpu_usd", "Revenue per paying subscriber", UnitUSD, "gross_usd / paying")
	m.Outputs = Outputs{Headline: OutNet, Cards: []Output{OutTAM, OutSubscribers, OutNet, OutShareOfSAM},
		Funnel: []Output{OutUsers, OutViewers, OutReachable, OutSubscribers}, Chart: []Output{OutTAM, OutSAM, OutGross, OutNet},
		Uncertain: []Uncertain{{"net", OutNet}, {"subscribers", OutSubscribers}}, HasDeal: true, Deal: DealProbability}
	m.Checks = []Check{
		{ID: "above_sam", When: "gross_usd > sam_usd and gross_usd > 0", Say: "Gross revenue is above SAM in {years} ({year}: {gross_usd} against {sam_usd})."},
		{ID: "user_ceiling", When: "user_ceiling > 0 and users >= user_ceiling", Say: "Internet users reach the ceiling of {user_ceiling} in {year} and stop growing there."},
		{ID: "tam_tenfold", When: "t == horizon and tam_usd > 10 * market_size", Say: "TAM grows {tam_usd / market_size}× from {market_size} in {base_year} to {tam_usd} in {year}."},
	}
	if err := m.Compile(); err != nil {
		panic(err)
	}
	return m
}

// Year is one row of a China projection with the old names, for the tests.
type Year struct {
	Year                                                    int
	Users, Viewers, Coverage, Reachable, TAM, SAM, Adoption float64
	Subscribers, Paying, Gross, Net, ShareOfTAM, PayShare   float64
	ShareOfSAM, RiskNet, MarketARPU, OurARPU                float64
}

// rows is a China projection as Years.
func rows(p *Projection) []Year {
	out := make([]Year, p.Len())
	for i := range out {
		r := p.Row(i, nil)
		out[i] = Year{Year: p.Year(i), Users: r[0], Viewers: r[1], Coverage: r[2], Reachable: r[3], TAM: r[4], SAM: r[5],
			Adoption: r[6], Subscribers: r[7], Paying: r[8], Gross: r[9], Net: r[10], ShareOfTAM: r[11], PayShare: r[12],
			ShareOfSAM: r[13], RiskNet: r[14], MarketARPU: r[15], OurARPU: r[16]}
	}
	return out
}

// yearAt is the row of a calendar year, or nil.
func yearAt(p *Projection, year int) *Year {
	i, ok := p.Index(year)
	if !ok {
		return nil
	}
	return &rows(p)[i]
}

func lastRow(p *Projection) *Year  { r := rows(p); return &r[len(r)-1] }
func firstRow(p *Projection) *Year { return &rows(p)[0] }

// CNY is the yuan at a rate, as the China market shows it.
func CNY(perUSD float64) Currency { return Currency{Code: "CNY", Symbol: "¥", PerUSD: perUSD} }

// String names a China input in test messages.
func (id ID) String() string {
	if id >= 0 && id < NumInputs {
		return testNames[id]
	}
	return "input?"
}

// String names a China series in test messages.
func (o Output) String() string { return testMarket().SeriesID(o) }
