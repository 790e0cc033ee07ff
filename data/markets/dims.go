package markets

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"sizeup/market"
	"sizeup/market/formula"
)

// Dimensions, inputs with dims and tables by year (DESIGN.md §10): the file
// writes a value per item as a table of items (or one number for all);
// the market gets one input per item.

type dimensionFile struct {
	ID         string   `toml:"id"`
	Label      string   `toml:"label"`
	Items      []string `toml:"items"`
	ItemLabels []string `toml:"item_labels"`
}

type tableFile struct {
	ID          string         `toml:"id"`
	Label       string         `toml:"label"`
	Unit        string         `toml:"unit"`
	Dims        []string       `toml:"dims"`
	Interpolate string         `toml:"interpolate"`
	Source      string         `toml:"source"`
	Year        int            `toml:"year"`
	URL         string         `toml:"url"`
	Note        string         `toml:"note"`
	Values      map[string]any `toml:"values"`
}

// maxDimensions and maxTables bound the arrays of tables a market has.
const (
	maxDimensions = 20
	maxTables     = 200
)

func parseDimensions(m *market.Market, files []dimensionFile, names map[string]string, errAt keyError) error {
	if len(files) > maxDimensions {
		return errAt(fmt.Sprintf("dimension.%d", maxDimensions), "dimension", "%d dimensions; a market has at most %d", len(files), maxDimensions)
	}
	for i, d := range files {
		key := fmt.Sprintf("dimension.%d", i)
		if err := checkID(d.ID, "dimension", names, func(format string, args ...any) error {
			return errAt(key+".id", "dimension.id", format, args...)
		}); err != nil {
			return err
		}
		names[d.ID] = "a dimension"
		field := "dimension " + d.ID
		label := cleanText(d.Label, false)
		if strings.TrimSpace(label) == "" {
			label = d.ID
		}
		switch {
		case len(d.Items) == 0:
			return errAt(key, field+": items", "missing; give the items it splits the market into, such as items = [\"north\", \"south\"]")
		case len(d.Items) > formula.MaxItems:
			return errAt(key+".items", field+": items", "%d items; a dimension has at most %d", len(d.Items), formula.MaxItems)
		case d.ItemLabels != nil && len(d.ItemLabels) != len(d.Items):
			return errAt(key+".item_labels", field+": item_labels", "%d labels for %d items; give one label per item, in the same order", len(d.ItemLabels), len(d.Items))
		}
		seen := map[string]bool{}
		for _, it := range d.Items {
			if !market.ValidName(it) {
				return errAt(key+".items", field+": items", "%s is not an item id; use lower-case letters, digits and _, starting with a letter (and not a word of the formula language)", market.QuoteShort(it))
			}
			if seen[it] {
				return errAt(key+".items", field+": items", "%q is given twice", it)
			}
			seen[it] = true
		}
		dim := market.Dimension{ID: d.ID, Label: label, Items: d.Items, ItemLabels: make([]string, len(d.Items))}
		for j, it := range d.Items {
			dim.ItemLabels[j] = it
			if d.ItemLabels != nil {
				dim.ItemLabels[j] = cleanText(d.ItemLabels[j], false)
			}
		}
		m.Dims = append(m.Dims, dim)
	}
	return nil
}

// dimsOf reads a dims list: each a dimension of the market, once, at
// most formula.MaxDims. It gives them in the market's order (how values
// are stored) and as written (how per-item tables nest in the file).
func dimsOf(m *market.Market, dims []string, fail func(format string, args ...any) error) (sorted, written []int, err error) {
	if len(dims) > formula.MaxDims {
		return nil, nil, fail("%d dims; a value has at most %d", len(dims), formula.MaxDims)
	}
	ids := make([]string, len(m.Dims))
	for i, d := range m.Dims {
		ids[i] = d.ID
	}
	for _, name := range dims {
		d := slices.Index(ids, name)
		if d < 0 {
			if len(ids) == 0 {
				return nil, nil, fail("%s is not a dimension: the market declares none; add a [[dimension]] with id = %q and its items", market.QuoteShort(name), name)
			}
			return nil, nil, fail("%s", market.UnknownName(name, "a dimension", ids))
		}
		if slices.Contains(written, d) {
			return nil, nil, fail("%q is given twice", name)
		}
		written = append(written, d)
	}
	sorted = slices.Sorted(slices.Values(written))
	n := 1
	for _, d := range sorted {
		n *= len(m.Dims[d].Items)
	}
	if n > formula.MaxItems {
		return nil, nil, fail("%d items (%s); a value has at most %d", n, strings.Join(dims, " × "), formula.MaxItems)
	}
	return sorted, written, nil
}

// eachItem calls f for every item of a value of dims (market order), row
// by row, with its place in each dimension.
func eachItem(m *market.Market, dims []int, f func(items []int) error) error {
	items := make([]int, len(dims))
	var rec func(k int) error
	rec = func(k int) error {
		if k == len(dims) {
			return f(slices.Clone(items))
		}
		for i := range m.Dims[dims[k]].Items {
			items[k] = i
			if err := rec(k + 1); err != nil {
				return err
			}
		}
		return nil
	}
	return rec(0)
}

// perItem is what a per-item field gives one item: the field as written
// (a number, or a table of items nesting in written order, a number at
// any level applying to every item below it). ok is false with the
// reason when the file does not give the item a number.
func perItem(m *market.Market, v any, sorted, written, items []int) (any, string) {
	for _, d := range written {
		t, isTable := v.(map[string]any)
		if !isTable || yearsOnly(t) {
			return v, "" // one value (or, in a table, one path) for every item below
		}
		k := slices.Index(sorted, d)
		dim := m.Dims[d]
		for key := range t {
			if !slices.Contains(dim.Items, key) {
				return nil, market.UnknownName(key, "an item of "+dim.ID, dim.Items)
			}
		}
		item := dim.Items[items[k]]
		next, ok := t[item]
		if !ok {
			return nil, fmt.Sprintf("gives no value for %s; give one per item of %s (%s), or one number for all", item, dim.ID, formula.JoinItems(dim.Items))
		}
		v = next
	}
	return v, ""
}

// yearsOnly reports whether every key of t is a year: a table's figures
// by year, not a table of items (an item's id starts with a letter).
func yearsOnly(t map[string]any) bool {
	for k := range t {
		if _, err := strconv.Atoi(k); err != nil {
			return false
		}
	}
	return len(t) > 0
}

// number reads a TOML number (an integer or a float).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func describeValue(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a table of items"
	case string:
		return "a string"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%v", v)
}

// parseTables reads the [[table]]s: figures by year, per item with dims.
func parseTables(m *market.Market, files []tableFile, lines map[string]int, names map[string]string, errAt keyError) error {
	if len(files) > maxTables {
		return errAt(fmt.Sprintf("table.%d", maxTables), "table", "%d tables; a market has at most %d", len(files), maxTables)
	}
	for i, f := range files {
		key := fmt.Sprintf("table.%d", i)
		if err := checkID(f.ID, "table", names, func(format string, args ...any) error {
			return errAt(key+".id", "table.id", format, args...)
		}); err != nil {
			return err
		}
		names[f.ID] = "a table"
		t, err := parseTable(m, f, func(field, format string, args ...any) error {
			k := key + "." + field
			if _, ok := lines[k]; !ok {
				k = key
			}
			return errAt(k, "table "+f.ID+": "+field, format, args...)
		})
		if err != nil {
			return err
		}
		m.Tables = append(m.Tables, t)
	}
	return nil
}

func parseTable(m *market.Market, f tableFile, fail fieldError) (market.Table, error) {
	t := market.Table{ID: f.ID, Label: cleanText(f.Label, false), Source: cleanText(f.Source, false), Year: f.Year, URL: cleanText(f.URL, false), Note: cleanText(f.Note, true)}
	if strings.TrimSpace(t.Label) == "" {
		return t, fail("label", "missing; give the table a label people read")
	}
	if strings.TrimSpace(f.Unit) == "" {
		return t, fail("unit", "missing; %s", m.Units.Accepted())
	}
	unit, label, measure, err := parseUnit(f.Unit, m.Units)
	if err != nil {
		return t, fail("unit", "%s", err)
	}
	t.Unit, t.UnitName, t.Measure, t.UnitLabel = unit, strings.TrimSpace(f.Unit), measure, label
	switch f.Interpolate {
	case "", "linear":
	case "step":
		t.Step = true
	default:
		return t, fail("interpolate", "%s is not a way between years; give linear (a straight line from one year's figure to the next) or step (each figure held until the next)", market.QuoteShort(f.Interpolate))
	}
	sorted, written, err := dimsOf(m, f.Dims, func(format string, args ...any) error { return fail("dims", format, args...) })
	if err != nil {
		return t, err
	}
	t.Dims = sorted
	if len(f.Values) == 0 {
		return t, fail("values", "missing or empty; give the figures by year, such as [table.values] 2023 = 1.45e6")
	}
	err = eachItem(m, sorted, func(items []int) error {
		v, msg := perItem(m, any(f.Values), sorted, written, items)
		where := "values"
		if len(items) > 0 {
			where = "values." + m.ItemName(sorted, items)
		}
		if msg != "" {
			return fail("values", "%s", msg)
		}
		years, ok := v.(map[string]any)
		if !ok {
			return fail("values", "%s is %s; give a table of figures by year, such as { 2023 = 0.50e6, 2030 = 0.55e6 }", where, describeValue(v))
		}
		p, err := parsePath(years, t.Step)
		if err != "" {
			return fail("values", "%s: %s", where, err)
		}
		t.Items = append(t.Items, p)
		return nil
	})
	return t, err
}

// parsePath reads one item's figures by year.
func parsePath(years map[string]any, step bool) (formula.Path, string) {
	p := formula.Path{Step: step}
	if len(years) == 0 {
		return p, "no figures; give at least one year's, such as 2023 = 1.45e6"
	}
	type point struct {
		year int
		v    float64
	}
	var pts []point
	seen := map[int]string{}
	for k, raw := range years {
		y, err := strconv.Atoi(k)
		if err != nil {
			return p, fmt.Sprintf("%s is not a year; the keys of a table's figures are whole years such as 2023 (or it names an item of a dimension the table does not have)", market.QuoteShort(k))
		}
		if y < 1900 || y > 2200 {
			return p, fmt.Sprintf("%d is not a plausible year (1900 to 2200)", y)
		}
		if other, dup := seen[y]; dup {
			return p, fmt.Sprintf("the year %d is given twice (%s and %s)", y, other, k)
		}
		seen[y] = k
		v, ok := number(raw)
		if !ok || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > maxHistoryValue {
			return p, fmt.Sprintf("%d is %s; a figure is a finite number up to 1e18 in size", y, describeValue(raw))
		}
		pts = append(pts, point{y, v})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].year < pts[j].year })
	for _, pt := range pts {
		p.Years, p.Values = append(p.Years, pt.year), append(p.Values, pt.v)
	}
	return p, ""
}

// parseInputItems reads one [[input]] into m: one input, or one per item
// when it has dims, each checked as an input of its own.
func parseInputItems(m *market.Market, in inputFile, fail fieldError) error {
	sorted, written, err := dimsOf(m, in.Dims, func(format string, args ...any) error { return fail("dims", format, args...) })
	if err != nil {
		return err
	}
	path := ""
	if in.Kind == "path" {
		if path, err = pathInput(m, &in, fail); err != nil {
			return err
		}
	}
	return eachItem(m, sorted, func(items []int) error {
		one := in
		for _, f := range []struct {
			name string
			v    any
			dst  *any
		}{{"default", in.Default, &one.Default}, {"low", in.Low, &one.Low}, {"high", in.High, &one.High}} {
			if f.v == nil {
				continue
			}
			v, msg := perItem(m, f.v, sorted, written, items)
			if msg != "" {
				return fail(f.name, "%s", msg)
			}
			if _, isTable := v.(map[string]any); isTable && len(sorted) == 0 {
				return fail(f.name, "is a table of items, but the input has no dims; add dims = [\"…\"] naming the dimension, or give one number")
			}
			*f.dst = v
		}
		id := market.ID(len(m.Inputs))
		name := in.ID
		if len(items) > 0 {
			name = in.ID + "." + m.ItemName(sorted, items)
			one.Label = in.Label + " · " + m.ItemLabel(sorted, items)
		}
		parsed, err := parseInput(id, one, m.Units, func(field, format string, args ...any) error {
			if len(items) > 0 {
				format = m.ItemName(sorted, items) + ": " + format
			}
			return fail(field, format, args...)
		})
		if err != nil {
			return err
		}
		parsed.Name, parsed.Was, parsed.Path = name, in.Was, path
		parsed.Stream = market.StreamOf(name)
		if in.Stream != nil {
			parsed.Stream = *in.Stream
			if len(items) > 0 {
				parsed.Stream ^= market.StreamOf(name)
			}
		}
		if len(items) > 0 {
			parsed.Family, parsed.Dims, parsed.Items, parsed.Was = in.ID, sorted, items, ""
		}
		m.Inputs = append(m.Inputs, parsed)
		m.Order = append(m.Order, id)
		return nil
	})
}

// pathInput reads an input of kind path: its default names a table, and
// the input is a factor on that table's figures (1 = the table as given),
// shown and typed as a plain number.
func pathInput(m *market.Market, in *inputFile, fail fieldError) (string, error) {
	name, ok := in.Default.(string)
	if !ok {
		return "", fail("default", "an input of kind path takes the id of a [[table]] as its default, such as default = \"new_homes\"; its value is a factor on that table (1 = the table as given)")
	}
	ids := make([]string, len(m.Tables))
	for i, t := range m.Tables {
		ids[i] = t.ID
	}
	if !slices.Contains(ids, name) {
		return "", fail("default", "%s", market.UnknownName(name, "a table", ids))
	}
	in.Default, in.Kind, in.Unit = float64(1), "amount", "coefficient"
	return name, nil
}
