package cli

import (
	"archive/zip"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sizeup/data/markets"
	"sizeup/market"
)

// export refuses what it cannot write, before writing anything, with a
// sentence that says what it accepts; a file it may not replace is kept.
func TestExportRefusals(t *testing.T) {
	dir := t.TempDir()
	readOnly := filepath.Join(dir, "ro.xlsx")
	if err := os.WriteFile(readOnly, []byte("kept"), 0o444); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "export needs -o FILE.xlsx"},
		{[]string{"export", "-o", ""}, "-o is empty"},
		{[]string{"export", "-o", filepath.Join(dir, "m.csv")}, "give a name ending in .xlsx"},
		{[]string{"export", "-o", filepath.Join(dir, "no", "m.xlsx")}, "create it first or give another path"},
		{[]string{"export", "-o", dir + "/"}, "give a name ending in .xlsx"},
		{[]string{"export", "-o", readOnly}, "is read-only for you (mode 0444)"},
		{[]string{"export", "--currency", "cny", "-o", filepath.Join(dir, "m.xlsx")}, "the workbook keeps money in USD"},
		{[]string{"export", "--set", "nope=1", "-o", filepath.Join(dir, "m.xlsx")}, "nope"},
	} {
		code, _, errs := runCmd(t, c.args...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, %q, want %q", c.args, code, errs, c.want)
		}
	}
	if got, _ := os.ReadFile(readOnly); string(got) != "kept" {
		t.Error("a read-only file was replaced")
	}
	if _, err := os.Stat(filepath.Join(dir, "m.xlsx")); err == nil {
		t.Error("a refused export left a workbook")
	}
}

// The workbook's Model sheet is what the i21 LibreOffice check reads: a
// header of id, label, unit and the years, then a row per flat series in
// the market's order, every figure a formula. excelize's own calculator
// works the formulas out here (LibreOffice does in export_lo_test.go):
// they must give the projection, and with an input's named cell changed,
// the projection with that input set.
func TestExportModelSheetComputesTheProjection(t *testing.T) {
	for _, name := range []string{"china-2015", "india-2016", "europe-heatpumps-2021"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "m.xlsx")
			if code, _, errs := runCmd(t, "export", "--market", name, "--horizon", "4", "--samples", "2000", "-o", out); code != 0 {
				t.Fatal(errs)
			}
			f, err := excelize.OpenFile(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m, err := markets.OpenMarket(name)
			if err != nil {
				t.Fatal(err)
			}
			m.Horizon = 4
			v := m.Defaults()
			checkModelSheet(t, f, m, &v)
			checkChecksSheet(t, f, m, &v)
			checkOtherSheets(t, f, m, out)
			// The formulas are live: an input changed in its named cell.
			var in []market.ID
			for o := range m.Series {
				if in = m.InputsOf(market.Output(o)); len(in) > 0 {
					break
				}
			}
			v[in[0]] *= 1.5
			if err := f.SetCellValue("Inputs", cellName(3, int(in[0])+2), v[in[0]]); err != nil {
				t.Fatal(err)
			}
			checkModelSheet(t, f, m, &v)
		})
	}
}

func checkModelSheet(t *testing.T, f *excelize.File, m *market.Market, v *market.Values) {
	t.Helper()
	p := m.Evaluate(v)
	head, _ := f.GetRows("Model")
	if got := strings.Join(head[0][:4], ","); got != "id,label,unit,"+strconv.Itoa(m.BaseYear) {
		t.Fatalf("Model's header starts %q", got)
	}
	if len(head) != len(m.Series)+1 {
		t.Fatalf("Model has %d rows, want %d series and the header", len(head)-1, len(m.Series))
	}
	bad := 0
	for k, s := range m.Series {
		if head[k+1][0] != s.ID {
			t.Fatalf("row %d is %q, want %q", k+2, head[k+1][0], s.ID)
		}
		for y := 0; y <= m.Horizon; y++ {
			cell := cellName(firstYearCol+y, k+2)
			if fx, _ := f.GetCellFormula("Model", cell); fx == "" {
				t.Fatalf("%s (%s %d) is not a formula", cell, s.ID, m.BaseYear+y)
			}
			got, err := f.CalcCellValue("Model", cell, excelize.Options{RawCellValue: true})
			want := p.Get(market.Output(k), y)
			x, perr := strconv.ParseFloat(got, 64)
			if err != nil || perr != nil || math.Abs(x-want) > 1e-9*math.Max(math.Abs(want), 1e-12) {
				if bad++; bad < 5 {
					t.Errorf("%s %d (%s): workbook %q %v, sizeup %v", s.ID, m.BaseYear+y, cell, got, err, want)
				}
			}
		}
	}
}

// checkChecksSheet: each check is TRUE in the years sizeup's
// own warning for it names, FALSE in the others.
func checkChecksSheet(t *testing.T, f *excelize.File, m *market.Market, v *market.Values) {
	t.Helper()
	held := map[string][]int{}
	for _, w := range m.Warnings(v, market.USD) {
		held[w.Kind] = w.Years
	}
	tested := 0
	for i, ch := range m.Checks {
		name := ch.ID
		if name == "" {
			name = strconv.Itoa(i + 1) // as Warnings names it
		}
		for y := 0; y <= m.Horizon; y++ {
			got, err := f.CalcCellValue("Checks", cellName(firstYearCol+y, i+2))
			want := strings.ToUpper(strconv.FormatBool(slices.Contains(held[name], m.BaseYear+y)))
			if err != nil || got != want {
				t.Errorf("check %s in %d: workbook %q %v, sizeup %s", name, m.BaseYear+y, got, err, want)
			}
			tested++
		}
	}
	if tested == 0 {
		t.Error("the market has no check to test")
	}
}

// checkOtherSheets: the Monte Carlo figures say their samples and seed
// and are numbers; every input has its source row; the chart is there.
func checkOtherSheets(t *testing.T, f *excelize.File, m *market.Market, path string) {
	t.Helper()
	note, _ := f.GetCellValue("Uncertainty", "A1")
	if !strings.Contains(note, "2000 samples, seed 1") {
		t.Errorf("Uncertainty says %q", note)
	}
	rows, _ := f.GetRows("Uncertainty", excelize.Options{RawCellValue: true})
	if len(rows) < 4+m.Horizon {
		t.Fatalf("Uncertainty has %d rows", len(rows))
	}
	for _, cell := range rows[3][3:9] {
		if _, err := strconv.ParseFloat(cell, 64); err != nil {
			t.Errorf("Uncertainty's first figures: %q", rows[3])
		}
	}
	src, _ := f.GetRows("Sources")
	if len(src) < len(m.Inputs)+1 || src[1][1] != m.Inputs[0].Name {
		t.Errorf("Sources has %d rows for %d inputs", len(src)-1, len(m.Inputs))
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	charts := 0
	for _, zf := range z.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 1 {
		t.Errorf("the workbook has %d charts, want the Model's one", charts)
	}
}

// Defined names follow the README's rule: the id, made of letters, digits
// and _, prefixed in_ only where a spreadsheet would read a cell reference
// or a boolean, and never two alike.
func TestExportInputNames(t *testing.T) {
	ids := []string{"conversion", "fy2", "heating.de", "heating_de", "2x", "TRUE", "rate", "r2c3", "c"}
	want := []string{"conversion", "in_fy2", "heating_de", "heating_de_2", "in_2x", "in_TRUE", "rate", "in_r2c3", "in_c"}
	m := &market.Market{}
	for _, id := range ids {
		m.Inputs = append(m.Inputs, market.Input{Name: id})
	}
	if got := inputNames(m); !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
}
