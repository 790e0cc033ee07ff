package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"sizeup/market"
)

// -0 is written 0 in JSON and CSV: a conversion typed as -0 makes every
// revenue -0, which a script would otherwise read as a sign.
func TestNegativeZeroInReports(t *testing.T) {
	m := china(t)
	v := m.Defaults()
	v[input(t, m, "conversion")] = math.Copysign(0, -1)
	p := m.Evaluate(&v)
	var b bytes.Buffer
	if err := JSON(&b, m, &p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "-0,") || strings.Contains(b.String(), "-0}") {
		t.Errorf("JSON holds -0:\n%s", b.String())
	}
	b.Reset()
	if err := CSV(&b, m, &p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), ",-0,") || strings.Contains(b.String(), ",-0\n") {
		t.Errorf("CSV holds -0:\n%s", b.String())
	}
}

// CSV and JSON agree: the same columns in the same order, the same
// figures, year first.
func TestCSVAndJSONAgree(t *testing.T) {
	m := china(t)
	v := m.Defaults()
	p := m.Evaluate(&v)
	var c, j bytes.Buffer
	if err := CSV(&c, m, &p); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&j, m, &p); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := Columns(m)
	if strings.Join(rows[0], ",") != strings.Join(cols, ",") || cols[0] != "year" || len(rows) != p.Len()+1 {
		t.Fatalf("CSV header %v, %d rows; want %v and %d years", rows[0], len(rows)-1, cols, p.Len())
	}
	text := j.String()
	var objs []map[string]json.Number
	dec := json.NewDecoder(&j)
	dec.UseNumber()
	if err := dec.Decode(&objs); err != nil {
		t.Fatal(err)
	}
	for i, o := range objs {
		for k, col := range cols {
			if got := o[col].String(); got != rows[i+1][k] {
				t.Errorf("%d %s: JSON %s, CSV %s", p.Year(i), col, got, rows[i+1][k])
			}
		}
	}
	if first := strings.SplitN(text, "\n", 3)[1]; !strings.HasPrefix(first, `  {"year": 2015, "users": `) {
		t.Errorf("JSON object does not open with year, then the first series: %s", first)
	}
}

// The inputs' table says when a value is not the default, and their JSON
// is in model units.
func TestInputs(t *testing.T) {
	m := china(t)
	v := m.Defaults()
	conv := input(t, m, "conversion")
	v[conv] = 0.05
	var b bytes.Buffer
	if err := InputsTable(&b, m, &v, market.USD); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "5.0% (default 2.0%)") {
		t.Errorf("table does not give conversion's default:\n%s", b.String())
	}
	b.Reset()
	if err := InputsJSON(&b, m, &v); err != nil {
		t.Fatal(err)
	}
	var rows []inputJSON
	if err := json.Unmarshal(b.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(m.Order) {
		t.Fatalf("%d inputs in JSON, want %d", len(rows), len(m.Order))
	}
	for _, r := range rows {
		if r.ID == "conversion" && (r.Value != 0.05 || r.Default != 0.02 || r.Kind != m.Inputs[conv].Kind.String()) {
			t.Errorf("conversion in JSON: %+v", r)
		}
	}
}
