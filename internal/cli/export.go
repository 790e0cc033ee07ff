package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"sizeup/internal/atomicfile"
	"sizeup/market"
	"sizeup/market/formula"
)

const exportUsage = `Usage: sizeup export -o FILE.xlsx [flags]

Writes the model as an Excel workbook whose figures are live formulas: the
Inputs sheet holds each input's value (the scenario's, after --set) in a
named cell, and every cell of the Model sheet from column D on is a formula
over those names and the rows above it, so changing an input recomputes the
workbook. The Tables, Checks, Uncertainty (Monte Carlo P5/P50/P95 as values)
and Sources sheets follow. Money is in USD, people as people, shares as
fractions, as report --format csv gives them.
`

// exportFlags are export's own flags, beside the common ones.
type exportFlags struct {
	common
	out string
}

func runExport(e env, args []string) error {
	defer oneShotGC()()
	var f exportFlags
	fs := newFlagSet("export", exportUsage, e.stderr)
	f.register(fs)
	fs.StringVar(&f.out, "o", "", "write the workbook to `FILE.xlsx` (required)")
	if done, err := f.parse(fs, args, e); done || err != nil {
		return err
	}
	if err := f.checkOut(); err != nil {
		return err
	}
	if f.given["currency"] && !strings.EqualFold(f.currency, "usd") {
		return fmt.Errorf("--currency %s: the workbook keeps money in USD, as report --format csv does, so its formulas read the inputs as the market file gives them; leave --currency out",
			market.QuoteShort(f.currency))
	}
	m, v, _, err := f.load()
	if err != nil {
		return err
	}
	if err := f.fitMemory(m, false); err != nil {
		return err
	}
	wb, err := buildWorkbook(m, &v, f.samples, f.seed)
	if err != nil {
		return err
	}
	defer wb.Close()
	buf, err := wb.WriteToBuffer()
	if err != nil {
		return err
	}
	err = atomicfile.Write(f.out, atomicfile.Options{Example: "model.xlsx", RefuseReadOnly: true}, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
	if _, ok := errors.AsType[*atomicfile.MissingDirError](err); ok {
		return fmt.Errorf("-o %s: %w, so create it first or give another path", f.out, err)
	}
	return err
}

// checkOut refuses a missing or empty -o, a name not ending in .xlsx, and
// an -o that names a folder, a link, a special file or a file this user
// may not replace.
func (f *exportFlags) checkOut() error {
	if f.out == "" {
		if f.given["o"] {
			return errors.New("-o is empty; give the workbook's file name, e.g. -o model.xlsx")
		}
		return errors.New("export needs -o FILE.xlsx: the workbook is a file, never written to stdout")
	}
	if !strings.EqualFold(filepathExt(f.out), ".xlsx") {
		return fmt.Errorf("-o %s: export writes an Excel workbook, so give a name ending in .xlsx", f.out)
	}
	_, existed, err := atomicfile.Check(f.out, "model.xlsx")
	if err != nil || !existed {
		return err
	}
	if err := atomicfile.RefuseReadOnly(f.out); err != nil {
		return fmt.Errorf("-o %w", err)
	}
	return nil
}

func filepathExt(p string) string {
	i := strings.LastIndexAny(p, "./\\")
	if i < 0 || p[i] != '.' {
		return ""
	}
	return p[i:]
}

// The workbook's sheets.
const (
	sheetInputs = "Inputs"
	sheetModel  = "Model"
	sheetTables = "Tables"
	sheetChecks = "Checks"
	sheetUncert = "Uncertainty"
	sheetSource = "Sources"
)

// firstYearCol is the column of the base year on Model and Tables: D.
const firstYearCol = 4

func colName(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// cellRefLike is a name Excel or LibreOffice would read as a cell
// reference (A1, XFD10, R1C1, R, C) or a boolean.
var cellRefLike = regexp.MustCompile(`(?i)^([a-z]{1,3}[0-9]+|r[0-9]*c?[0-9]*|c[0-9]*|true|false)$`)

// InputNames are the defined names of the inputs' value cells: the id,
// with any character other than a letter, a digit or _ made _ (an item
// conversion.north is conversion_north), prefixed in_ when it would read
// as a cell reference or a boolean or starts with a digit, and _2, _3 …
// added when two would clash (names are not case sensitive).
func inputNames(m *market.Market) []string {
	names := make([]string, len(m.Inputs))
	seen := map[string]bool{}
	for i := range m.Inputs {
		n := []byte(m.Inputs[i].Name)
		for j, b := range n {
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_') {
				n[j] = '_'
			}
		}
		name := string(n)
		if name == "" || cellRefLike.MatchString(name) || name[0] >= '0' && name[0] <= '9' {
			name = "in_" + name
		}
		base := name
		for k := 2; seen[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s_%d", base, k)
		}
		seen[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// buildWorkbook is the whole workbook for market m with values v.
func buildWorkbook(m *market.Market, v *market.Values, samples int, seed uint64) (*excelize.File, error) {
	names := inputNames(m)
	years := m.Horizon + 1
	refs := func(sheet string) func(y int) *formula.ExcelRefs {
		return func(y int) *formula.ExcelRefs {
			col := sheet + colName(firstYearCol+y)
			prev := ""
			if y > 0 {
				prev = sheet + colName(firstYearCol+y-1)
			}
			return &formula.ExcelRefs{
				Input:  func(k int) string { return names[k] },
				Series: func(k int) string { return fmt.Sprintf("%s%d", col, k+2) },
				Prev:   func(k int) string { return fmt.Sprintf("%s%d", prev, k+2) },
				Table:  func(k int) string { return fmt.Sprintf("%s!%s%d", sheetTables, colName(firstYearCol+y), k+2) },
				T:      fmt.Sprintf("(%s$1-%d)", col, m.BaseYear),
				Year:   col + "$1",
				Base:   y == 0, BaseYear: m.BaseYear, Horizon: m.Horizon,
			}
		}
	}
	formulas, checks, err := m.ExcelFormulas(refs(""), refs(sheetModel+"!"))
	if err != nil {
		var xe *formula.ExcelError
		if errors.As(err, &xe) {
			return nil, fmt.Errorf("export: %w", err)
		}
		return nil, err
	}
	wb := excelize.NewFile()
	ok := false
	defer func() {
		if !ok {
			wb.Close()
		}
	}()
	w := &workbook{f: wb, m: m, v: v, names: names, years: years}
	if err := w.model(formulas); err != nil {
		return nil, err
	}
	if err := w.inputs(); err != nil {
		return nil, err
	}
	if err := w.tables(); err != nil {
		return nil, err
	}
	if err := w.checks(checks); err != nil {
		return nil, err
	}
	if err := w.uncertainty(samples, seed); err != nil {
		return nil, err
	}
	if err := w.sources(); err != nil {
		return nil, err
	}
	if err := w.chart(); err != nil {
		return nil, err
	}
	if err := w.finish(); err != nil {
		return nil, err
	}
	ok = true
	return wb, nil
}

// workbook is a workbook being written.
type workbook struct {
	f     *excelize.File
	m     *market.Market
	v     *market.Values
	names []string
	years int
	err   error
}

// set writes one cell, keeping the first error.
func (w *workbook) set(sheet string, col, row int, v any) {
	if w.err == nil {
		w.err = w.f.SetCellValue(sheet, cellName(col, row), v)
	}
}

func (w *workbook) formula(sheet string, col, row int, f string) {
	if w.err == nil {
		w.err = w.f.SetCellFormula(sheet, cellName(col, row), f)
	}
}

// header writes row 1 of a sheet: the given titles, then the years from
// column D when years is true.
func (w *workbook) header(sheet string, titles []string, years bool) {
	for i, t := range titles {
		w.set(sheet, i+1, 1, t)
	}
	if years {
		for y := range w.years {
			w.set(sheet, firstYearCol+y, 1, w.m.BaseYear+y)
		}
	}
}

// model is the Model sheet: a row per flat series, its formula per year.
func (w *workbook) model(formulas [][]string) error {
	f, m := w.f, w.m
	if err := f.SetSheetName("Sheet1", sheetModel); err != nil {
		return err
	}
	w.header(sheetModel, []string{"id", "label", "unit"}, true)
	for k, s := range m.Series {
		row := k + 2
		w.set(sheetModel, 1, row, s.ID)
		w.set(sheetModel, 2, row, s.Label)
		w.set(sheetModel, 3, row, unitText(s.Unit, s.UnitName))
		for y, fx := range formulas[k] {
			w.formula(sheetModel, firstYearCol+y, row, fx)
		}
		w.style(sheetModel, row, firstYearCol, firstYearCol+w.years-1, s.Unit)
	}
	w.layout(sheetModel, 2, 24, 36)
	if w.err == nil {
		// printed (or converted to PDF) landscape, a page wide
		fit, land, one := true, "landscape", 1
		if w.err = w.f.SetSheetProps(sheetModel, &excelize.SheetPropsOptions{FitToPage: &fit}); w.err == nil {
			w.err = w.f.SetPageLayout(sheetModel, &excelize.PageLayoutOptions{Orientation: &land, FitToWidth: &one, FitToHeight: &one})
		}
	}
	return w.err
}

// inputs is the Inputs sheet: a row per flat input, its value named.
func (w *workbook) inputs() error {
	if _, err := w.f.NewSheet(sheetInputs); err != nil {
		return err
	}
	w.header(sheetInputs, []string{"id", "label", "value", "unit", "low", "default", "high", "drawn", "role", "source", "year", "link", "note", "name"}, false)
	for i := range w.m.Inputs {
		in := &w.m.Inputs[i]
		row := i + 2
		vals := []any{in.Name, in.Label, w.v[i], unitText(in.Unit, in.UnitName), in.Low, in.Default, in.High,
			drawn(in), in.Role.String(), in.Source, yearOrEmpty(in.SourceYear), in.URL, in.Note, w.names[i]}
		for c, x := range vals {
			w.set(sheetInputs, c+1, row, x)
		}
		w.style(sheetInputs, row, 3, 3, in.Unit)
		w.style(sheetInputs, row, 5, 7, in.Unit)
		if w.err == nil {
			w.err = w.f.SetDefinedName(&excelize.DefinedName{Name: w.names[i], RefersTo: fmt.Sprintf("%s!$C$%d", sheetInputs, row)})
		}
	}
	w.layout(sheetInputs, 2, 24, 36)
	return w.err
}

func yearOrEmpty(y int) any {
	if y == 0 {
		return ""
	}
	return y
}

// tables is the Tables sheet: each table item's figure in each year, as
// its path gives it: flat item k (the compiler's order) in row k+2.
func (w *workbook) tables() error {
	if _, err := w.f.NewSheet(sheetTables); err != nil {
		return err
	}
	w.header(sheetTables, []string{"id", "label", "unit"}, true)
	row := 2
	for _, t := range w.m.Tables {
		for j := range t.Items {
			id, label := t.ID, t.Label
			if len(t.Dims) > 0 {
				items := itemsOf(w.m, t.Dims, j)
				id += "." + w.m.ItemName(t.Dims, items)
				label += " · " + w.m.ItemLabel(t.Dims, items)
			}
			w.set(sheetTables, 1, row, id)
			w.set(sheetTables, 2, row, label)
			w.set(sheetTables, 3, row, unitText(t.Unit, t.UnitName))
			for y := range w.years {
				w.set(sheetTables, firstYearCol+y, row, t.Items[j].At(w.m.BaseYear+y))
			}
			w.style(sheetTables, row, firstYearCol, firstYearCol+w.years-1, t.Unit)
			row++
		}
	}
	w.layout(sheetTables, 2, 24, 36)
	return w.err
}

// itemsOf is item j of a value of dims, as a place in each dimension, row
// by row (the last dimension fastest).
func itemsOf(m *market.Market, dims []int, j int) []int {
	items := make([]int, len(dims))
	for k := len(dims) - 1; k >= 0; k-- {
		n := len(m.Dims[dims[k]].Items)
		items[k] = j % n
		j /= n
	}
	return items
}

func unitText(u market.Unit, name string) string {
	if name != "" {
		return name
	}
	return u.String()
}

// numFmt is the number format of a value of unit u.
func numFmt(u market.Unit) string {
	switch u {
	case market.UnitUSD:
		return `"$"#,##0`
	case market.UnitUSDPerMonth, market.UnitMoneyPer:
		return `"$"#,##0.00`
	case market.UnitPeople, market.UnitCount:
		return "#,##0"
	case market.UnitPercent, market.UnitPercentYear:
		return "0.00%"
	case market.UnitYear:
		return "0"
	}
	return "General"
}

// style sets the number format of unit u on a row's columns from c0 to c1.
func (w *workbook) style(sheet string, row, c0, c1 int, u market.Unit) {
	if w.err != nil {
		return
	}
	f := numFmt(u)
	id, err := w.f.NewStyle(&excelize.Style{CustomNumFmt: &f})
	if err != nil {
		w.err = err
		return
	}
	w.err = w.f.SetCellStyle(sheet, cellName(c0, row), cellName(c1, row), id)
}

// layout freezes a sheet's header row and first column and sets widths:
// the id column idW, the label column labelW, the rest 14.
func (w *workbook) layout(sheet string, frozenCols int, idW, labelW float64) {
	if w.err != nil {
		return
	}
	cell := cellName(frozenCols+1, 2)
	w.err = w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: frozenCols, YSplit: 1, TopLeftCell: cell, ActivePane: "bottomRight"})
	for _, c := range []struct {
		from, to string
		w        float64
	}{{"A", "A", idW}, {"B", "B", labelW}, {"C", "XFD", 16}} {
		if w.err == nil {
			w.err = w.f.SetColWidth(sheet, c.from, c.to, c.w)
		}
	}
}

// finish sets the workbook to recalculate every formula when it opens,
// and makes Model the sheet it opens on.
func (w *workbook) finish() error {
	full := true
	if err := w.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	idx, err := w.f.GetSheetIndex(sheetModel)
	if err != nil {
		return err
	}
	w.f.SetActiveSheet(idx)
	return nil
}

// checks is the Checks sheet: each [[check]] a row, TRUE in a year its
// condition holds, with its sentence.
func (w *workbook) checks(formulas [][]string) error {
	if _, err := w.f.NewSheet(sheetChecks); err != nil {
		return err
	}
	w.header(sheetChecks, []string{"check", "when", "says"}, true)
	for i, ch := range w.m.Checks {
		row := i + 2
		id := ch.ID
		if id == "" {
			id = fmt.Sprintf("check %d", i+1)
		}
		w.set(sheetChecks, 1, row, id)
		w.set(sheetChecks, 2, row, ch.When)
		w.set(sheetChecks, 3, row, ch.Say)
		for y, fx := range formulas[i] {
			w.formula(sheetChecks, firstYearCol+y, row, fx)
		}
	}
	w.layout(sheetChecks, 1, 24, 36)
	if w.err == nil {
		w.err = w.f.SetColWidth(sheetChecks, "C", "C", 60)
	}
	return w.err
}

// uncertainty is the Uncertainty sheet: the Monte Carlo percentiles of the
// market's uncertain outputs per year, with their standard errors, run as
// report --uncertainty runs it. They are values: sampling stays sizeup's.
func (w *workbook) uncertainty(samples int, seed uint64) error {
	var res market.Result
	cfg := market.RunConfig{N: samples, Seed: seed, Values: *w.v, OneShot: true, Keep: market.KeepNone, NoSpread: true}
	if err := market.NewEngine(w.m).Run(context.Background(), &res, cfg); err != nil {
		return err
	}
	if err := finiteResult(&res); err != nil {
		return err
	}
	if _, err := w.f.NewSheet(sheetUncert); err != nil {
		return err
	}
	given := ""
	if w.m.Outputs.HasDeal {
		given = fmt.Sprintf(", percentiles given a signed deal (%s of samples)", market.FormatPercent(float64(res.Deals)/float64(res.N), 1))
	}
	w.set(sheetUncert, 1, 1, fmt.Sprintf("Monte Carlo: %d samples, seed %d%s; values computed by sizeup, not formulas (run sizeup export again after changing an input)", res.N, res.Seed, given))
	row := 3
	for c, h := range []string{"id", "label", "year", "P5", "P50", "P95", "P5 error", "P50 error", "P95 error"} {
		w.set(sheetUncert, c+1, row, h)
	}
	for i, u := range res.Recorded {
		s := &w.m.Series[u.Series]
		for _, ys := range res.Years {
			row++
			p := ys.Out[i]
			for c, x := range []any{s.ID, s.Label, ys.Year, p.P5, p.P50, p.P95, p.P5SE, p.P50SE, p.P95SE} {
				w.set(sheetUncert, c+1, row, x)
			}
			w.style(sheetUncert, row, 4, 9, s.Unit)
		}
	}
	if w.err == nil {
		w.err = w.f.SetPanes(sheetUncert, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"})
	}
	for _, c := range []struct {
		from, to string
		w        float64
	}{{"A", "A", 24}, {"B", "B", 36}, {"C", "C", 8}, {"D", "I", 16}} {
		if w.err == nil {
			w.err = w.f.SetColWidth(sheetUncert, c.from, c.to, c.w)
		}
	}
	return w.err
}

// sources is the Sources sheet: where each input, table and history
// series comes from.
func (w *workbook) sources() error {
	if _, err := w.f.NewSheet(sheetSource); err != nil {
		return err
	}
	w.header(sheetSource, []string{"kind", "id", "label", "source", "year", "link", "note"}, false)
	row := 1
	add := func(kind, id, label, source string, year int, url, note string) {
		row++
		for c, x := range []any{kind, id, label, source, yearOrEmpty(year), url, note} {
			w.set(sheetSource, c+1, row, x)
		}
	}
	for i := range w.m.Inputs {
		in := &w.m.Inputs[i]
		source := in.Source
		if source == "" {
			source = "assumption"
		}
		add("input", in.Name, in.Label, source, in.SourceYear, in.URL, in.Note)
	}
	for _, t := range w.m.Tables {
		add("table", t.ID, t.Label, t.Source, t.Year, t.URL, t.Note)
	}
	for _, h := range w.m.History {
		add("history", h.ID, h.Label, h.Source, h.Known, h.URL, h.Note)
	}
	w.layout(sheetSource, 0, 10, 24)
	for _, c := range []struct {
		col string
		w   float64
	}{{"C", 36}, {"D", 48}, {"F", 40}, {"G", 60}} {
		if w.err == nil {
			w.err = w.f.SetColWidth(sheetSource, c.col, c.col, c.w)
		}
	}
	return w.err
}

// chart draws the market's chart series ([outputs].chart) as a native
// line chart on the Model sheet, below the rows, from the Model's cells.
func (w *workbook) chart() error {
	if len(w.m.Outputs.Chart) == 0 {
		return nil
	}
	last := colName(firstYearCol + w.years - 1)
	var series []excelize.ChartSeries
	for _, o := range w.m.Outputs.Chart {
		row := int(o) + 2
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$B$%d", sheetModel, row),
			Categories: fmt.Sprintf("%s!$D$1:$%s$1", sheetModel, last),
			Values:     fmt.Sprintf("%s!$D$%d:$%s$%d", sheetModel, row, last, row),
		})
	}
	return w.f.AddChart(sheetModel, cellName(2, len(w.m.Series)+4), &excelize.Chart{
		Type:      excelize.Line,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.m.Name}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: `#,##0,,"M"`}},
		Dimension: excelize.ChartDimension{Width: 900, Height: 420},
	})
}

// drawn says how Monte Carlo draws an input about low, default and high.
func drawn(in *market.Input) string {
	if d := in.Dist.String(); d != "" {
		return d
	}
	return "its kind's own"
}
