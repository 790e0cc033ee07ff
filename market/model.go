package market

import "math"

// Year is the funnel for one calendar year. People are people, money is USD
// per year, shares are fractions.
type Year struct {
	Year        int
	Users       float64 // internet users, at most the user ceiling
	Viewers     float64 // of whom watch online video
	Coverage    float64 // share of viewing on devices the partner's licence covers
	Reachable   float64 // viewers on licensed devices
	TAM         float64 // the whole online-video market, USD
	PayShare    float64 // share of the market paid by viewers this year (the rest is ads, licensing, hardware)
	SAM         float64 // the paid part on licensed devices: TAM · coverage · pay share, USD
	Adoption    float64 // Bass cumulative adoption, 0..1
	Subscribers float64 // at the end of the year
	Paying      float64 // average paying subscribers over the year
	Months      float64 // months of service earned this year
	Gross       float64 // subscription revenue, USD
	Net         float64 // after the partner's cut, USD
	RiskNet     float64 // expected net at the sliders: net × deal probability, USD (see ExpectedNetAtSlidersName)
	ShareOfTAM  float64 // gross / TAM
	ShareOfSAM  float64 // gross / SAM, 0 when SAM is 0
	MarketARPU  float64 // TAM / viewers, USD per viewer per year
	OurARPU     float64 // gross / paying, USD per paying subscriber per year
}

// Projection is the model evaluated over a market's horizon.
type Projection struct {
	Years []Year // BaseYear .. BaseYear+Horizon
}

// At returns the row for a calendar year, or nil when the year is outside
// the projection.
func (p *Projection) At(year int) *Year {
	if len(p.Years) == 0 {
		return nil
	}
	i := year - p.Years[0].Year
	if i < 0 || i >= len(p.Years) {
		return nil
	}
	return &p.Years[i]
}

// Last is the horizon year's row.
func (p *Projection) Last() *Year { return &p.Years[len(p.Years)-1] }

// First is the base year's row.
func (p *Projection) First() *Year { return &p.Years[0] }

// Coverage is the share of viewing on licensed devices:
// mobile·licence_mobile + (1−mobile)·(tv·licence_tv + (1−tv)·licence_pc).
func Coverage(v *Values) float64 {
	mobile, tv := v[MobileShare], v[TVShare]
	return mobile*v[LicenceMobile] + (1-mobile)*(tv*v[LicenceTV]+(1-tv)*v[LicencePC])
}

// BassAdoption is the Bass model's cumulative adoption after s years in
// service: F(s) = (1 − e^(−(p+q)s)) / (1 + (q/p)·e^(−(p+q)s)); 0 for s ≤ 0.
func BassAdoption(p, q, s float64) float64 {
	if s <= 0 || p <= 0 {
		return 0
	}
	e := math.Exp(-(p + q) * s)
	return (1 - e) / (1 + (q/p)*e)
}

// Evaluate runs the funnel of DESIGN.md §2 for every year of the market's
// horizon with the given values.
func (m *Market) Evaluate(v *Values) Projection {
	p := Projection{Years: make([]Year, m.Horizon+1)}
	evaluateInto(p.Years, m.BaseYear, v)
	return p
}

// EvaluateInto is Evaluate into a caller's projection, reusing its storage.
func (m *Market) EvaluateInto(p *Projection, v *Values) {
	n := m.Horizon + 1
	if cap(p.Years) < n {
		p.Years = make([]Year, n)
	}
	p.Years = p.Years[:n]
	evaluateInto(p.Years, m.BaseYear, v)
}

func evaluateInto(years []Year, base int, v *Values) {
	coverage := Coverage(v)
	userFactor := 1 + v[UserGrowth]
	marketFactor := 1 + v[MarketGrowth]
	launch := int(v[LaunchYear])
	ceiling := v[UserCeiling]
	uncapped := v[InternetUsers] // internet_users·(1+user_growth)^t, before the ceiling
	tam := v[MarketSize]
	payFrom, payRise := v[PayShare], v[PayShareEnd]-v[PayShare]
	horizon := float64(max(len(years)-1, 1))
	prevSubs := 0.0
	for i := range years {
		y := base + i
		if i > 0 {
			uncapped *= userFactor
			tam *= marketFactor
		}
		users := min(uncapped, ceiling)
		viewers := users * v[VideoReach]
		reachable := viewers * coverage
		payShare := payFrom + payRise*float64(i)/horizon
		sam := tam * coverage * payShare
		inService := float64(y - launch + 1)
		adoption := BassAdoption(v[BassP], v[BassQ], inService)
		subs := reachable * v[Conversion] * adoption
		paying := (prevSubs + subs) / 2
		months := 0.0
		switch {
		case y == launch:
			months = 12 - v[ApprovalLag]
		case y > launch:
			months = 12
		}
		gross := paying * v[Price] * months
		net := gross * (1 - v[PartnerCut])
		r := &years[i]
		*r = Year{
			Year:        y,
			Users:       users,
			Viewers:     viewers,
			Coverage:    coverage,
			Reachable:   reachable,
			TAM:         tam,
			PayShare:    payShare,
			SAM:         sam,
			Adoption:    adoption,
			Subscribers: subs,
			Paying:      paying,
			Months:      months,
			Gross:       gross,
			Net:         net,
			RiskNet:     net * v[DealProbability],
		}
		if tam != 0 {
			r.ShareOfTAM = gross / tam
		}
		if sam != 0 {
			r.ShareOfSAM = gross / sam
		}
		if viewers != 0 {
			r.MarketARPU = tam / viewers
		}
		if paying != 0 {
			r.OurARPU = gross / paying
		}
		prevSubs = subs
	}
}
