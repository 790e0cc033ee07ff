package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"sizeup/market"
)

func TestUncertaintyReports(t *testing.T) {
	m := china(t)
	r := run(t, m, 20_000, 1)

	var b bytes.Buffer
	if err := UncertaintyCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := "year,net_p5,net_p50,net_p95,subscribers_p5,subscribers_p50,subscribers_p95," +
		"net_p5_se,net_p50_se,net_p95_se,subscribers_p5_se,subscribers_p50_se,subscribers_p95_se,p_zero_revenue"
	if got := strings.Join(rows[0], ","); got != header {
		t.Errorf("CSV header\n%s\nwant\n%s", got, header)
	}
	if len(rows) != 12 {
		t.Fatalf("%d CSV rows, want a header and 11 years", len(rows))
	}
	last := rows[11]
	if last[0] != "2025" || last[2] != strconv.FormatFloat(r.Last().Out[0].P50, 'f', -1, 64) {
		t.Errorf("2025 row %v, want the median net %v in full", last, r.Last().Out[0].P50)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if strings.ContainsAny(cell, "eE") {
				t.Errorf("%q has an exponent", cell)
			}
		}
	}
	if rows[1][13] != "1" {
		t.Errorf("2015 p_zero_revenue %q, want 1 (before launch)", rows[1][13])
	}

	b.Reset()
	if err := UncertaintyJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var objs []map[string]float64
	if err := json.Unmarshal(b.Bytes(), &objs); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, b.String())
	}
	if len(objs) != 11 || objs[10]["year"] != 2025 || objs[10]["net_p95"] != r.Last().Out[0].P95 || objs[10]["p_zero_revenue"] != r.PZeroRevenue {
		t.Errorf("JSON 2025: %v", objs[10])
	}
	// Keys in column order in every object.
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n")[1:12] {
		at := 0
		for _, col := range UncertaintyColumns(r) {
			i := strings.Index(line[at:], strconv.Quote(col)+":")
			if i < 0 {
				t.Fatalf("%s missing or out of order in %s", col, line)
			}
			at += i + len(col)
		}
		for _, field := range strings.Split(strings.Trim(line, " {},"), ", ") {
			_, value, _ := strings.Cut(field, ": ")
			if strings.ContainsAny(value, "eE") {
				t.Errorf("JSON number with an exponent: %s", field)
			}
		}
	}

	b.Reset()
	if err := UncertaintyTable(&b, china(t), r, market.USD); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"20,000 samples", "seed 1", "P(zero net revenue in 2025)", "Monte Carlo expected net revenue $",
		market.FormatMoney(r.Last().Out[0].P50, market.USD), market.FormatPeople(r.Last().Out[1].P95), "Drawn at random: internet_users"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	t.Logf("\n%s", out)

	if err := UncertaintyCSV(&b, &market.Result{}); err == nil {
		t.Error("an empty result was written")
	}
}
