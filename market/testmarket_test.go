package market

// testMarket is the default China 2015 market written out in Go, so the
// model's tests stand alone (package data checks the embedded file carries
// the same figures).
func testMarket() *Market {
	m := &Market{Name: "China online video", BaseYear: 2015, Horizon: 10}
	set := func(id ID, label string, unit Unit, def, low, high, min, max, step float64) {
		m.Inputs[id] = Input{ID: id, Label: label, Group: "g", Kind: id.Kind(), Unit: unit,
			Default: def, Low: low, High: high, Min: min, Max: max, Step: step}
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
	set(FXCNYPerUSD, "CNY per USD", UnitCNYPerUSD, 6.28, 6.12, 6.64, 1, 20, 0.01)
	set(UserCeiling, "User ceiling", UnitPeople, 1.1e9, 1.0e9, 1.2e9, 100e6, 2e9, 10e6)
	set(PayShare, "Paid share", UnitPercent, 0.15, 0.07, 0.19, 0, 1, 0.01)
	set(PayShareEnd, "Paid share, end", UnitPercent, 0.40, 0.25, 0.55, 0, 1, 0.01)
	m.Inputs[UserGrowth].Observed = []float64{0.050, 0.061, 0.062}
	m.Inputs[MarketGrowth].Observed = []float64{0.76, 0.50, 0.56, 0.326}
	return m
}
