package market

import (
	"fmt"
	"slices"
	"strings"

	"sizeup/market/formula"
)

// A market split by dimensions (DESIGN.md §10): its inputs with dims are
// one Input per item (households.north), its series with dims one
// SeriesDef per item after Compile, so every screen, report and analysis
// reads a flat list of numbers; Family and Items say which item of which
// value each one is.

// Dimension is a way the market is split: region, product, channel.
type Dimension struct {
	ID         string
	Label      string
	Items      []string // item ids: "north"
	ItemLabels []string // as shown: "North"; the ids when the file gives none
}

// Table is figures by year, per item when it has dims: data, not inputs,
// so no slider and no draw.
type Table struct {
	ID    string
	Label string
	Unit  Unit
	// As an input's: the unit as written, its algebra and its label.
	UnitName  string
	Measure   formula.Unit
	UnitLabel string
	Dims      []int          // the market's dimensions it has, ascending
	Items     []formula.Path // one per item, row by row (all of it without dims)
	Step      bool           // held between the years given, not linear
	Source    string
	Year      int
	URL       string
	Note      string
}

// Format is a table's figure as people read it: as an input of its unit
// shows a value.
func (t *Table) Format(v float64, c Currency) string {
	in := Input{Kind: KindAmount, Unit: t.Unit, UnitName: t.UnitName, Measure: t.Measure, UnitLabel: t.UnitLabel}
	return in.Format(v, c)
}

// Item is the place in each of dims of the k-th item of a value with them
// (a table's Items, an input's: row by row, the last dimension fastest).
func (m *Market) Item(dims []int, k int) []int {
	items := make([]int, len(dims))
	for j := len(dims) - 1; j >= 0; j-- {
		n := len(m.Dims[dims[j]].Items)
		items[j], k = k%n, k/n
	}
	return items
}

// ItemName is a value's item as a report column names it: "north",
// "north.heat", from its place in each of dims.
func (m *Market) ItemName(dims, items []int) string {
	parts := make([]string, len(items))
	for k, d := range dims {
		parts[k] = m.Dims[d].Items[items[k]]
	}
	return strings.Join(parts, ".")
}

// ItemLabel is the same item as people read it: "North", "North · Heat".
func (m *Market) ItemLabel(dims, items []int) string {
	parts := make([]string, len(items))
	for k, d := range dims {
		parts[k] = m.Dims[d].ItemLabels[items[k]]
	}
	return strings.Join(parts, " · ")
}

// Family lists the inputs that are the items of the input written id in
// the file (one, itself, for an input without dims), in item order.
func (m *Market) Family(id string) []ID {
	var out []ID
	for i := range m.Inputs {
		if m.Inputs[i].Family == id || m.Inputs[i].Family == "" && m.Inputs[i].Name == id {
			out = append(out, ID(i))
		}
	}
	return out
}

// families groups the flat inputs into the values the file writes: each
// run of items of one family is one value of the formulas.
func (m *Market) families() (names []string, dims [][]int, paths []int, err error) {
	for i := 0; i < len(m.Inputs); {
		in := &m.Inputs[i]
		name, n := in.Name, 1
		if in.Family != "" {
			name = in.Family
			for i+n < len(m.Inputs) && m.Inputs[i+n].Family == in.Family {
				n++
			}
		}
		path := -1
		if in.Path != "" {
			path = slices.IndexFunc(m.Tables, func(t Table) bool { return t.ID == in.Path })
			if path < 0 {
				return nil, nil, nil, &InputError{Input: in.Name, Field: "default", Msg: fmt.Sprintf("%q is not a table; an input of kind path names a [[table]] as its default", in.Path)}
			}
		}
		names, dims, paths = append(names, name), append(dims, in.Dims), append(paths, path)
		i += n
	}
	return names, dims, paths, nil
}

// env is what the market's formulas may name.
func (m *Market) env(defs []SeriesDef) (formula.Env, error) {
	env := formula.Env{BaseYear: m.BaseYear, Series: make([]string, len(defs))}
	var err error
	if env.Inputs, env.InputDims, env.InputPath, err = m.families(); err != nil {
		return env, err
	}
	for _, d := range m.Dims {
		env.Dims = append(env.Dims, formula.Dim{Name: d.ID, Items: d.Items})
	}
	for _, t := range m.Tables {
		env.Tables = append(env.Tables, formula.Table{Name: t.ID, Dims: t.Dims, Elems: t.Items})
	}
	env.SeriesDims = make([][]int, len(defs))
	env.SeriesTotal = make([]bool, len(defs))
	for i, s := range defs {
		env.Series[i], env.SeriesDims[i], env.SeriesTotal[i] = s.ID, s.Dims, s.Total
	}
	return env, nil
}

// flatten is the series as screens and reports list them: each
// definition's total (when it declares one) and its items.
func (m *Market) flatten(defs []SeriesDef, p *formula.Program) []SeriesDef {
	out := make([]SeriesDef, 0, len(p.Flat))
	for _, f := range p.Flat {
		d := defs[f.Series]
		s := d
		s.Family, s.Dims, s.Items = "", p.Shapes[f.Series], nil
		if len(s.Dims) > 0 {
			s.Family = d.ID
		}
		if !f.Total && len(f.Items) > 0 {
			s.Items = f.Items
			s.ID = d.ID + "." + m.ItemName(s.Dims, f.Items)
			s.Label = d.Label + " · " + m.ItemLabel(s.Dims, f.Items)
			if d.Phrase != "" {
				s.Phrase = d.Phrase + " in " + m.ItemLabel(s.Dims, f.Items)
			}
		}
		out = append(out, s)
	}
	return out
}

// FlatName is the flat id an output, a history's compare or a --set names:
// "units[north]" is units.north, "sum(units)" the total units; "" with
// ok = false when name is not written that way.
func FlatName(name string) (flat string, total bool) {
	name = strings.ReplaceAll(name, " ", "")
	if inner, ok := strings.CutPrefix(name, "sum("); ok && strings.HasSuffix(inner, ")") {
		return strings.TrimSuffix(inner, ")"), true
	}
	if i := strings.IndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") {
		items := strings.Split(strings.TrimSuffix(name[i+1:], "]"), "][")
		return name[:i] + "." + strings.Join(items, "."), false
	}
	return name, false
}

// LookupInputs finds what a --set or a scenario's key names: one input
// ("conversion", "households.north", "households[north]") or every item
// of an input with dims ("households").
func (m *Market) LookupInputs(name string) []ID {
	name, _ = FlatName(strings.TrimSpace(name))
	if id, ok := m.LookupInput(name); ok {
		return []ID{id}
	}
	var out []ID
	for i := range m.Inputs {
		// the family, or part of its items: households.north of a value
		// per region × product
		if in := &m.Inputs[i]; in.Family != "" && (in.Family == name || strings.HasPrefix(in.Name, name+".")) {
			out = append(out, ID(i))
		}
	}
	return out
}

// SettableNames lists what LookupInputs finds, for "did you mean": each
// input without dims, and each input with dims and its items.
func (m *Market) SettableNames() []string {
	var out []string
	for i := range m.Inputs {
		in := &m.Inputs[i]
		if in.Family != "" && (i == 0 || m.Inputs[i-1].Family != in.Family) {
			out = append(out, in.Family)
		}
		out = append(out, in.Name)
	}
	return out
}
