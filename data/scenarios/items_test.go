package scenarios

import (
	"os"
	"strings"
	"testing"

	"sizeup/data/markets"
	"sizeup/market"
)

// TestScenarioOfItemsRoundTrips: a scenario that moves one item of an
// input with dims is written as households.north and read back to the
// same item; a scenario file may set every item by the value's id, and
// values are typed with their units ("5M homes", "$12.5k/home").
func TestScenarioOfItemsRoundTrips(t *testing.T) {
	text, err := os.ReadFile("../markets/testdata/segmented.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := markets.ParseMarket("segmented.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	north := m.LookupInputs("households.north")[0]
	sc := &market.Scenario{Name: "Big north", Market: m.Name, Settings: []market.Setting{{ID: north, Value: 5e6, Why: "a census revision"}}}
	out, err := EncodeScenario(m, sc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "households.north") {
		t.Errorf("written without the item's name:\n%s", out)
	}
	back, err := ParseScenario("big.toml", out, m)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(back.Settings) != 1 || back.Settings[0].ID != north || back.Settings[0].Value != 5e6 || back.Settings[0].Why != "a census revision" {
		t.Errorf("read back %+v", back.Settings)
	}
	all, err := ParseScenario("all.toml", []byte("name = \"All\"\nmarket = \"Heat pumps\"\n[set]\nhouseholds = \"5M homes\"\nprice = \"$12.5k/home\"\n"), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Settings) != 4 {
		t.Errorf("households = 5M and a price set %d inputs, want the 3 items and the price: %+v", len(all.Settings), all.Settings)
	}
	for _, s := range all.Settings {
		if want := 5e6; s.Value != want && !(m.Inputs[s.ID].Name == "price" && s.Value == 12500) {
			t.Errorf("%s = %v", m.Inputs[s.ID].Name, s.Value)
		}
	}
}
