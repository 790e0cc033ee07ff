package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The exported workbook is checked by a spreadsheet that is not excelize:
// LibreOffice Calc, headless, opens it, recalculates every formula on load
// and writes a sheet's values as CSV, which must equal sizeup's own report.
// LibreOffice trusts an xlsx file's cached values by default; a private
// profile says to recalculate always.

// calcRecalcXCU is the profile setting: Calc's "Recalculation on file
// load" for Excel 2007 and newer, 0 = always.
const calcRecalcXCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>%d</value></prop></item>
</oor:items>
`

// office runs LibreOffice one conversion at a time: two instances at
// once would share the machine's two cores with everything else, and a
// fresh profile per conversion (under a second to make) leaves nothing
// behind and nothing shared.
var office sync.Mutex

// soffice is LibreOffice's program, or skips the test on a machine
// without it (CI installs it).
func soffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed, so the exported workbook is not recalculated here; install Debian's libreoffice-calc-nogui (.ci/run does)")
	}
	return path
}

// officeProfile is a new private LibreOffice profile whose recalculation
// on loading an xlsx file is mode (0 always, 1 never).
func officeProfile(t *testing.T, mode int) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	xcu := fmt.Sprintf(calcRecalcXCU, mode)
	if err := os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(xcu), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// officeConvert has LibreOffice open file with the profile of recalc
// mode and convert it to the filter given (e.g. "csv:…", "xlsx", "pdf")
// in a new folder; it returns the file written, found by its extension
// ext, polling against a deadline for LibreOffice to write it.
func officeConvert(t *testing.T, file string, mode int, filter, ext string) string {
	t.Helper()
	bin := soffice(t)
	office.Lock()
	defer office.Unlock()
	profile := officeProfile(t, mode)
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+profile,
		"--headless", "--norestore", "--convert-to", filter, "--outdir", out, file)
	logs, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to %s %s: %v\n%s", filter, file, err, logs)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		matches, _ := filepath.Glob(filepath.Join(out, "*."+ext))
		if len(matches) == 1 {
			return matches[0]
		}
		if len(matches) > 1 {
			t.Fatalf("soffice wrote %d .%s files, want one: %v", len(matches), ext, matches)
		}
		if time.Now().After(deadline) {
			t.Fatalf("soffice wrote no .%s file in 30 s after converting %s\n%s", ext, file, logs)
		}
		time.Sleep(20 * time.Millisecond) // polling for the file, not waiting a fixed time
	}
}

// officeSheet recalculates file in LibreOffice (mode 0: always on load)
// and returns sheet number sheet (1-based) as CSV rows, each number at
// full precision (not as shown; Calc writes 15 significant digits).
func officeSheet(t *testing.T, file string, mode, sheet int) [][]string {
	t.Helper()
	// Tokens: comma, double quote, UTF-8, from line 1, default formats,
	// language, no quoting, detect numbers, save as shown = false, export
	// formulas = false, keep spaces, the sheet.
	filter := fmt.Sprintf("csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,%d", sheet)
	path := officeConvert(t, file, mode, filter, "csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV of %s: %v", file, err)
	}
	return rows
}

// closeTo: within 1e-9 of want, relative (absolute near zero, as
// Calc writes 15 significant digits).
func closeTo(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// TestLibreOfficeRecalculatesOnLoad proves the harness on a workbook too
// small to be wrong: an input as a defined name, formulas over it, cached
// values written by LibreOffice itself, then the input changed with
// excelize as a user would. With the profile's recalculation on load the
// formulas follow the new input; with "never" they keep the stale cache,
// so a pass of the export's test means Calc computed it.
func TestLibreOfficeRecalculatesOnLoad(t *testing.T) {
	soffice(t)
	dir := t.TempDir()
	f := excelize.NewFile()
	must(t, f.SetSheetName("Sheet1", "Inputs"))
	must(t, f.SetCellValue("Inputs", "C2", 0.02))
	must(t, f.SetDefinedName(&excelize.DefinedName{Name: "conversion", RefersTo: "Inputs!$C$2"}))
	if _, err := f.NewSheet("Model"); err != nil {
		t.Fatal(err)
	}
	must(t, f.SetSheetRow("Model", "A1", &[]any{"id", "label", "unit", 2015, 2016}))
	must(t, f.SetSheetRow("Model", "A2", &[]any{"paying", "Paying", "people"}))
	must(t, f.SetCellFormula("Model", "D2", "conversion*1000/3"))
	must(t, f.SetCellFormula("Model", "E2", "D2+IF(E$1=2016,1,0)"))
	plain := filepath.Join(dir, "plain.xlsx")
	must(t, f.SaveAs(plain))

	want := func(rows [][]string, d, e float64) {
		t.Helper()
		if len(rows) < 2 || len(rows[1]) < 5 {
			t.Fatalf("Model as CSV: %q, want a header and a row of 5 cells", rows)
		}
		for i, w := range []float64{d, e} {
			got, err := strconv.ParseFloat(rows[1][3+i], 64)
			if err != nil || !closeTo(got, w) {
				t.Errorf("Model %c2 = %q, want %v", 'D'+i, rows[1][3+i], w)
			}
		}
	}
	want(officeSheet(t, plain, 0, 2), 20.0/3, 20.0/3+1)

	// Cached values: LibreOffice writes them when it saves an xlsx.
	cached := officeConvert(t, plain, 0, "xlsx:Calc MS Excel 2007 XML", "xlsx")
	g, err := excelize.OpenFile(cached)
	if err != nil {
		t.Fatal(err)
	}
	must(t, g.SetCellValue("Inputs", "C2", 0.04))
	changed := filepath.Join(dir, "changed.xlsx")
	must(t, g.SaveAs(changed))
	want(officeSheet(t, changed, 0, 2), 40.0/3, 40.0/3+1)
	want(officeSheet(t, changed, 1, 2), 20.0/3, 20.0/3+1)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var _ = errors.New
var _ = strings.Cut
