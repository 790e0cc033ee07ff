package market

import "sizeup/market/formula"

// ExcelFormulas are the market's series as spreadsheet formulas (sizeup
// export): for each flat series (m.Series order) its formula in each
// year's column, refs(y) saying where the workbook keeps what a formula
// names in row y (0 the base year). The market must be compiled; its
// formulas are compiled again, the same way, for their checked trees.
// The error is a *formula.ExcelError naming a series the workbook cannot
// compute.
func (m *Market) ExcelFormulas(refs func(y int) *formula.ExcelRefs) ([][]string, error) {
	env, err := m.env(m.Defs)
	if err != nil {
		return nil, err
	}
	formulas := make([]string, len(m.Defs))
	for i, s := range m.Defs {
		formulas[i] = s.Formula
	}
	c := formula.NewCompiler(env)
	if err := c.Series(formulas); err != nil {
		return nil, err
	}
	out := make([][]string, len(m.Series))
	for k := range out {
		out[k] = make([]string, m.Horizon+1)
		for y := range out[k] {
			if out[k][y], err = c.Excel(k, refs(y)); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
