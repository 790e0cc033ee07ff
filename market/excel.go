package market

import "sizeup/market/formula"

// ExcelFormulas are the market's series as spreadsheet formulas (sizeup
// export): for each flat series (m.Series order) its formula in each
// year's column, refs(y) saying where the workbook keeps what a formula
// names in row y (0 the base year). The market must be compiled; its
// formulas are compiled again, the same way, for their checked trees.
// The error is a *formula.ExcelError naming a series the workbook cannot
// compute.
// Checks are each [[check]]'s condition in each year's column, TRUE or
// FALSE, written with checkRefs (on another sheet than the series).
func (m *Market) ExcelFormulas(refs, checkRefs func(y int) *formula.ExcelRefs) (series, checks [][]string, err error) {
	env, err := m.env(m.Defs)
	if err != nil {
		return nil, nil, err
	}
	formulas := make([]string, len(m.Defs))
	for i, s := range m.Defs {
		formulas[i] = s.Formula
	}
	c := formula.NewCompiler(env)
	if err := c.Series(formulas); err != nil {
		return nil, nil, err
	}
	series = make([][]string, len(m.Series))
	for k := range series {
		series[k] = make([]string, m.Horizon+1)
		for y := range series[k] {
			if series[k][y], err = c.Excel(k, refs(y)); err != nil {
				return nil, nil, err
			}
		}
	}
	checks = make([][]string, len(m.Checks))
	for i, ch := range m.Checks {
		owner := formula.Owner{Kind: formula.CheckWhen, ID: ch.name(i), Index: i}
		checks[i] = make([]string, m.Horizon+1)
		for y := range checks[i] {
			if checks[i][y], err = c.ExcelCondition(owner, ch.When, checkRefs(y)); err != nil {
				return nil, nil, err
			}
		}
	}
	return series, checks, nil
}
