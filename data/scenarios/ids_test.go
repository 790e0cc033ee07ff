package scenarios

import (
	"sizeup/data/markets"
	"sizeup/market"
)

// The China market's inputs by their ids, those the scenario tests use.
var (
	chinaForIDs, _ = markets.DefaultMarket()
	InternetUsers  = mustID("internet_users")
	UserGrowth     = mustID("user_growth")
	LicencePC      = mustID("licence_pc")
	LicenceTV      = mustID("licence_tv")
	LaunchYear     = mustID("launch_year")
	ApprovalLag    = mustID("approval_lag")
	Conversion     = mustID("conversion")
	Price          = mustID("price")
	PartnerCut     = mustID("partner_cut")
	BassQ          = mustID("bass_q")
	FXCNYPerUSD    = mustID("fx_cny_per_usd")
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
