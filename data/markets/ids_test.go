package markets

import (
	"testing"

	"sizeup/market"
)

// The China market's inputs by their ids, for the tests.
var (
	chinaForIDs, _  = DefaultMarket()
	InternetUsers   = mustID("internet_users")
	UserGrowth      = mustID("user_growth")
	VideoReach      = mustID("video_reach")
	MobileShare     = mustID("mobile_share")
	TVShare         = mustID("tv_share")
	MarketSize      = mustID("market_size")
	MarketGrowth    = mustID("market_growth")
	LicenceMobile   = mustID("licence_mobile")
	LicencePC       = mustID("licence_pc")
	LicenceTV       = mustID("licence_tv")
	LaunchYear      = mustID("launch_year")
	ApprovalLag     = mustID("approval_lag")
	Conversion      = mustID("conversion")
	Price           = mustID("price")
	PartnerCut      = mustID("partner_cut")
	BassP           = mustID("bass_p")
	BassQ           = mustID("bass_q")
	DealProbability = mustID("deal_probability")
	FXCNYPerUSD     = mustID("fx_cny_per_usd")
	UserCeiling     = mustID("user_ceiling")
	PayShare        = mustID("pay_share_start")
	PayShareEnd     = mustID("pay_share_end")
)

func mustID(name string) market.ID {
	id, ok := chinaForIDs.LookupInput(name)
	if !ok {
		panic("no input " + name)
	}
	return id
}

// numInputs is how many inputs the China market has.
var numInputs = market.ID(len(chinaForIDs.Inputs))

// series is a China series by its id.
func series(name string) market.Output {
	o, ok := chinaForIDs.LookupOutput(name)
	if !ok {
		panic("no series " + name)
	}
	return o
}

// name is a China input's id, for test messages.
func idName(id market.ID) string { return chinaForIDs.Inputs[id].Name }

func defaultMarket(t testing.TB) *market.Market {
	t.Helper()
	m, err := DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	return m
}
