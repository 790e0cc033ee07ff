package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
// in a new folder; it returns the one file written, found by its
// extension ext.
func officeConvert(t *testing.T, file string, mode int, filter, ext string) string {
	t.Helper()
	files := officeConvertAll(t, file, mode, filter, ext)
	if len(files) > 1 {
		t.Fatalf("soffice wrote %d .%s files, want one: %v", len(files), ext, files)
	}
	return files[0]
}

// officeConvertAll is officeConvert for a filter that may write several
// files (CSV of every sheet); it polls against a deadline for
// LibreOffice to have written at least one.
func officeConvertAll(t *testing.T, file string, mode int, filter, ext string) []string {
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
		if matches, _ := filepath.Glob(filepath.Join(out, "*."+ext)); len(matches) > 0 {
			return matches
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
	// Two cells Calc cannot compute, as noErrorCells must see them.
	must(t, f.SetCellFormula("Model", "F2", "1/0"))
	must(t, f.SetCellFormula("Model", "G2", "no_such_input*2"))
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
	rows := officeSheet(t, plain, 0, 2)
	want(rows, 20.0/3, 20.0/3+1)
	for _, v := range rows[1][5:] {
		if !calcErrors.MatchString(v) {
			t.Errorf("LibreOffice writes %q for a formula it cannot compute, which calcErrors does not match", v)
		}
	}
	if len(rows[1]) != 7 {
		t.Errorf("Model row 2 as CSV: %q, want 7 cells", rows[1])
	}

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

// exportCases: the three built-in markets, one with dimensions, a table
// and a path (testdata of the independent recomputation), and a scenario
// with a value set and a shorter horizon, as report takes them.
var exportCases = []struct {
	name string
	args []string
}{
	{"china-2015", []string{"--market", "china-2015"}},
	{"india-2016", []string{"--market", "india-2016"}},
	{"europe-heatpumps-2021", []string{"--market", "europe-heatpumps-2021"}},
	{"recompute", []string{"--market", "internal/cli/testdata/recompute.toml"}},
	{"china-bear-set-horizon", []string{"--scenario", "bear", "--set", "conversion=4%", "--horizon", "5"}},
}

// TestExportRecalculatesInLibreOffice: each exported workbook,
// recalculated by LibreOffice Calc, has a Model sheet equal to sizeup
// report --format csv with the same flags for every series and year, to
// 1e-9 relative, and no error in any cell. No value in the workbook is
// trusted: Calc computes every formula.
func TestExportRecalculatesInLibreOffice(t *testing.T) {
	soffice(t)
	for _, c := range exportCases {
		t.Run(c.name, func(t *testing.T) {
			book := exportWorkbook(t, c.args...)
			compareModel(t, book, reportColumns(t, c.args...))
			noErrorCells(t, book)
		})
	}
}

// TestExportFormulasAreLive: China's conversion changed from 2% to 4% in
// the workbook's value cell (the one its defined name points at), as an
// analyst would, and the Model recalculated by LibreOffice equals sizeup
// report --set conversion=4%.
func TestExportFormulasAreLive(t *testing.T) {
	soffice(t)
	book := exportWorkbook(t, "--market", "china-2015")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	sheet, cell := definedCell(t, f, "conversion")
	if v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true}); err != nil || v != "0.02" {
		t.Fatalf("conversion's cell %s!%s holds %q (%v), want China's 2%%", sheet, cell, v, err)
	}
	must(t, f.SetCellValue(sheet, cell, 0.04))
	must(t, f.Save())
	compareModel(t, book, reportColumns(t, "--market", "china-2015", "--set", "conversion=4%"))
}

// exportWorkbook runs sizeup export -o FILE.xlsx with args, in process,
// and returns FILE.
func exportWorkbook(t *testing.T, args ...string) string {
	t.Helper()
	book := filepath.Join(t.TempDir(), "model.xlsx")
	if code, out, errs := runCmd(t, append([]string{"export", "-o", book}, args...)...); code != 0 {
		t.Fatalf("sizeup export -o %s %s: exit %d\n%s%s", book, strings.Join(args, " "), code, out, errs)
	}
	return book
}

// definedCell is the sheet and cell a workbook's defined name refers to.
func definedCell(t *testing.T, f *excelize.File, name string) (sheet, cell string) {
	t.Helper()
	for _, d := range f.GetDefinedName() {
		if d.Name == name {
			sheet, cell, ok := strings.Cut(d.RefersTo, "!")
			if !ok {
				t.Fatalf("defined name %s refers to %q, not a cell on a sheet", name, d.RefersTo)
			}
			return strings.Trim(sheet, "='"), strings.ReplaceAll(cell, "$", "")
		}
	}
	t.Fatalf("the workbook defines no name %s", name)
	return "", ""
}

// series is one series' values by year.
type series map[int]float64

// reportColumns is sizeup report --format csv with args: a value per
// series (column) and year (row).
func reportColumns(t *testing.T, args ...string) map[string]series {
	t.Helper()
	code, out, errs := runCmd(t, append([]string{"report", "--format", "csv"}, args...)...)
	if code != 0 {
		t.Fatalf("sizeup report --format csv %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "year" {
		t.Fatalf("report --format csv: %v\n%s", err, out)
	}
	cols := map[string]series{}
	for _, row := range rows[1:] {
		year, err := strconv.Atoi(row[0])
		if err != nil {
			t.Fatalf("report --format csv: year %q: %v", row[0], err)
		}
		for c := 1; c < len(row); c++ {
			v, err := strconv.ParseFloat(row[c], 64)
			if err != nil {
				t.Fatalf("report --format csv: %s in %d is %q: %v", rows[0][c], year, row[c], err)
			}
			if cols[rows[0][c]] == nil {
				cols[rows[0][c]] = series{}
			}
			cols[rows[0][c]][year] = v
		}
	}
	return cols
}

// compareModel recalculates book's Model sheet in LibreOffice and holds
// it to want, series by series and year by year, both ways: a series or
// year in one and not the other is a mismatch too. Each mismatch names
// the cell and its Excel formula.
func compareModel(t *testing.T, book string, want map[string]series) {
	t.Helper()
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	idx, err := f.GetSheetIndex("Model")
	if err != nil || idx < 0 {
		t.Fatalf("the workbook has no Model sheet (sheets: %v)", f.GetSheetList())
	}
	rows := officeSheet(t, book, 0, idx+1)
	if len(rows) < 2 || len(rows[0]) < 4 || rows[0][0] != "id" {
		t.Fatalf("Model sheet as LibreOffice reads it: header %q, want id, label, unit, then the years", rows[0])
	}
	years := map[int]int{} // column → year
	for c := 3; c < len(rows[0]); c++ {
		y, err := strconv.Atoi(rows[0][c])
		if err != nil {
			t.Fatalf("Model %s1 is %q, want a year", colLetters(c), rows[0][c])
		}
		years[c] = y
	}
	seen := map[string]bool{}
	mismatches := 0
	for r, row := range rows[1:] {
		id := row[0]
		if id == "" {
			continue
		}
		w, ok := want[id]
		if !ok {
			t.Errorf("Model row %d is %s, which report --format csv does not have", r+2, id)
			continue
		}
		seen[id] = true
		for c := 3; c < len(rows[0]); c++ {
			y := years[c]
			cell := fmt.Sprintf("%s%d", colLetters(c), r+2)
			wv, ok := w[y]
			if !ok {
				t.Errorf("Model %s: %s in %d, a year report --format csv does not have", cell, id, y)
				continue
			}
			got := ""
			if c < len(row) {
				got = row[c]
			}
			gv, err := calcNumber(got)
			if err == nil && closeTo(gv, wv) {
				continue
			}
			if mismatches++; mismatches <= 40 {
				formula, _ := f.GetCellFormula("Model", cell)
				t.Errorf("%s %d (Model %s): report %v, LibreOffice %q; formula =%s", id, y, cell, wv, got, formula)
			}
		}
		if len(w) != len(years) {
			t.Errorf("%s: report has %d years, the Model sheet %d", id, len(w), len(years))
		}
	}
	if mismatches > 40 {
		t.Errorf("… %d mismatches in all", mismatches)
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("report --format csv has %s, which the Model sheet has no row for", id)
		}
	}
}

// calcErrors matches the values a formula gives when Calc cannot compute
// it: Excel's names (#NAME?, #DIV/0!, …) and Calc's own (Err:502).
var calcErrors = regexp.MustCompile(`^#(NAME\?|VALUE!|REF!|DIV/0!|N/A|NUM!|NULL!)$|^Err:\d+$`)

// noErrorCells: no cell on any sheet of book, recalculated by
// LibreOffice, is an error — a check, a table lookup or a name that
// Calc cannot resolve shows here even where no value is compared.
func noErrorCells(t *testing.T, book string) {
	t.Helper()
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1"
	for _, path := range officeConvertAll(t, book, 0, filter, "csv") {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(string(text)))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for r, row := range rows {
			for c, v := range row {
				if calcErrors.MatchString(v) {
					t.Errorf("sheet %s, cell %s%d: LibreOffice computes %s", sheetOfCSV(path), colLetters(c), r+1, v)
				}
			}
		}
	}
}

// sheetOfCSV is the sheet a CSV of every sheet was written from: its
// name ends in -SHEET.csv.
func sheetOfCSV(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".csv")
	return base[strings.LastIndex(base, "-")+1:]
}

// calcNumber reads a number from LibreOffice's CSV: full precision, but
// a cell formatted as a percentage keeps its sign ("2.5%" is 0.025).
func calcNumber(s string) (float64, error) {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := strconv.ParseFloat(p, 64)
		return v / 100, err
	}
	return strconv.ParseFloat(s, 64)
}

// colLetters is column c (0-based) as Excel writes it: A, …, Z, AA, ….
func colLetters(c int) string {
	name, _ := excelize.ColumnNumberToName(c + 1)
	return name
}

var workbookPicture = flag.Bool("workbook", false, "redraw docs/workbook.png: China's exported workbook, its Model sheet recalculated and drawn by LibreOffice")

// TestWorkbookPicture redraws the README's picture of the workbook when
// run with -workbook: China's export with its Model sheet set to print
// on one landscape A3 page (the other sheets hidden), recalculated and
// turned into PDF by LibreOffice, its page drawn at 80 dpi by pdftoppm
// and cropped to what is printed.
func TestWorkbookPicture(t *testing.T) {
	if !*workbookPicture {
		t.Skip("draws docs/workbook.png only with -workbook")
	}
	soffice(t)
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("pdftoppm is not installed; install Debian's poppler-utils")
	}
	book := exportWorkbook(t, "--market", "china-2015")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	landscape, a3, one := "landscape", 8, 1
	must(t, f.SetPageLayout("Model", &excelize.PageLayoutOptions{Size: &a3, Orientation: &landscape, FitToWidth: &one, FitToHeight: &one}))
	fit := true
	must(t, f.SetSheetProps("Model", &excelize.SheetPropsOptions{FitToPage: &fit}))
	for _, name := range f.GetSheetList() {
		if name != "Model" {
			must(t, f.SetSheetVisible(name, false))
		}
	}
	must(t, f.Save())
	pdf := officeConvert(t, book, 0, "pdf:calc_pdf_Export", "pdf")
	png := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command(pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	cropPNG(t, png+".png", "docs/workbook.png", 8)
}

// cropPNG writes src to dst cut to its non-white pixels and a margin.
func cropPNG(t *testing.T, src, dst string, margin int) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	img, err := png.Decode(in)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() {
		t.Fatalf("%s is blank", src)
	}
	box = box.Inset(-margin).Intersect(b)
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		t.Fatalf("%s: cannot crop a %T", src, img)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(out, sub.SubImage(box)); err != nil {
		t.Fatal(err)
	}
	must(t, out.Close())
}
