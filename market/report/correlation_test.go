package report

import (
	"context"
	"strings"
	"testing"

	"sizeup/market"
)

func TestUncertaintyTableListsCorrelations(t *testing.T) {
	m := china(t)
	m.Correlations = []market.Correlation{
		{Between: [2]string{"user_growth", "conversion"}, Rank: -0.5, Source: "Pricing study", Year: 2015},
		{Between: [2]string{"bass_p", "bass_q"}, Rank: -0.4},
	}
	if _, err := m.CorrelatedPairs(); err != nil {
		t.Fatal(err)
	}
	var r market.Result
	if err := market.NewEngine(m).Run(context.Background(), &r, market.RunConfig{N: 2000, Seed: 1, Values: m.Defaults()}); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := UncertaintyTable(&b, m, &r, market.USD); err != nil {
		t.Fatal(err)
	}
	want := "Drawn together (Spearman rank, by a Gaussian copula):\n  user_growth ~ conversion −0.50 (Pricing study, 2015)\n  bass_p ~ bass_q −0.40 (an assumption)\n"
	if !strings.HasSuffix(b.String(), want) {
		t.Errorf("the table ends\n%s\nwant it to end\n%s", b.String()[max(0, b.Len()-300):], want)
	}
	b.Reset()
	plain := china(t)
	plain.Correlations = nil
	if err := UncertaintyTable(&b, plain, &r, market.USD); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "Drawn together") {
		t.Error("a market without correlations lists some")
	}
}
