package market

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// A Market built in Go, with no file, obeys the same rules as one read
// from a file: Compile refuses it before compiling a formula.
func TestCompileRefusesAMarketBuiltInGoThatBreaksTheRules(t *testing.T) {
	if err := testMarket().Compile(); err != nil {
		t.Fatalf("the test market itself: %v", err)
	}
	cases := []struct {
		name         string
		edit         func(m *Market)
		input, field string
		says         string
	}{
		{"default above max", func(m *Market) { m.Inputs[Conversion].Default = 1.5 }, "conversion", "default", "outside min..max"},
		{"kind and unit disagree", func(m *Market) { m.Inputs[VideoReach].Kind = KindAmount }, "video_reach", "kind", `"amount" is the wrong kind for unit "percent"; give kind "share" or "probability"`},
		{"low above high", func(m *Market) { m.Inputs[Price].Low, m.Inputs[Price].High = 9, 3 }, "price", "low", "above high"},
		{"step not positive", func(m *Market) { m.Inputs[Price].Step = 0 }, "price", "step", "not a step"},
		{"not finite", func(m *Market) { m.Inputs[Price].High = math.Inf(1) }, "price", "high", "not a finite number"},
		{"share above 1", func(m *Market) { m.Inputs[TVShare].Max, m.Inputs[TVShare].High = 2, 1.5 }, "tv_share", "max", "between 0 and 1"},
		{"beyond the hard limits", func(m *Market) { m.Inputs[InternetUsers].Max = 1e12 }, "internet_users", "max", "above what a number of people accepts"},
		{"default outside its own low..high", func(m *Market) { m.Inputs[Conversion].Default = m.Inputs[Conversion].High * 1.5 }, "conversion", "default", "outside its own low..high"},
		{"step too small", func(m *Market) { m.Inputs[InternetUsers].Step = 1 }, "internet_users", "step", "too small"},
	}
	for _, c := range cases {
		m := testMarket()
		c.edit(m)
		err := m.Compile()
		var ie *InputError
		if !errors.As(err, &ie) || ie.Input != c.input || ie.Field != c.field || !strings.Contains(ie.Msg, c.says) {
			t.Errorf("%s: Compile = %v, want an InputError for %s.%s saying %q", c.name, err, c.input, c.field, c.says)
		}
	}

	m := testMarket()
	m.Horizon = MaxHorizon + 1
	if err := m.Compile(); err == nil || !strings.Contains(err.Error(), "horizon") {
		t.Errorf("a horizon of %d years: Compile = %v", m.Horizon, err)
	}
}
