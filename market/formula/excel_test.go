package formula

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func testRefs(base bool) *ExcelRefs {
	return &ExcelRefs{
		Input:  func(k int) string { return fmt.Sprintf("in%d", k) },
		Series: func(k int) string { return fmt.Sprintf("S%d", k) },
		Prev:   func(k int) string { return fmt.Sprintf("P%d", k) },
		Table:  func(k int) string { return fmt.Sprintf("T%d", k) },
		T:      "t", Year: "yr", Base: base, BaseYear: 2015, Horizon: 10,
	}
}

// Each part of the language becomes the Excel formula that computes what
// the compiler's node does: division by zero is 0, truth is 1 or 0, prev
// is 0 in the base year, bass is written out, sum runs over the items.
func TestExcelTranslatesEachPart(t *testing.T) {
	env := Env{Inputs: []string{"a", "b"}, Series: []string{"x", "y"}, BaseYear: 2015,
		Dims: []Dim{{Name: "region", Items: []string{"n", "s"}}}, InputDims: [][]int{{0}, nil}}
	for _, c := range []struct{ formula, want, base string }{
		{"a / b", "IF(in2=0,0,in0/in2)", ""},
		{"-b^2 + t", "((-(in2^2))+t)", ""},
		{"if(b < 1 and b != 0, year, horizon)", "IF(IF(AND(IF(in2<1,1,0)<>0,IF(in2<>0,1,0)<>0),1,0)<>0,yr,10)", ""},
		{"prev(y) + b", "(P2+in2)", "(0+in2)"},
		{"clamp(log(b), 0, 1) + round(b)", "(MIN(MAX(LN(in2),0),1)+ROUND(in2,0))", ""},
		{"bass(b, 0.4, t)", "IF(AND(t>0,in2>0),(1-EXP((-(in2+0.4))*t))/(1+(0.4/in2)*EXP((-(in2+0.4))*t)),0)", ""},
		{"sum(a) * base_year", "((in0+in1)*2015)", ""},
		{"a[s] - 1e-7", "(in1-1E-07)", ""},
	} {
		c2 := NewCompiler(env)
		if err := c2.Series([]string{c.formula, "a"}); err != nil {
			t.Fatalf("%s: %v", c.formula, err)
		}
		got, err := c2.Excel(0, testRefs(false))
		if err != nil || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.formula, got, err, c.want)
		}
		if c.base != "" {
			if got, _ := c2.Excel(0, testRefs(true)); got != c.base {
				t.Errorf("%s in the base year: %q, want %q", c.formula, got, c.base)
			}
		}
	}
}

// notExcel is a kind of node the translation does not know.
type notExcel struct{ Num }

// A formula the workbook cannot express is refused with its series named.
func TestExcelRefusesWhatItCannotExpress(t *testing.T) {
	c := NewCompiler(Env{Inputs: []string{"a"}, Series: []string{"revenue"}})
	if err := c.Series([]string{"a + 1"}); err != nil {
		t.Fatal(err)
	}
	c.trees[0] = &Binary{Op: Add, X: &notExcel{}, Y: &Num{Value: 1}}
	_, err := c.Excel(0, testRefs(false))
	var xe *ExcelError
	if !errors.As(err, &xe) || xe.Series != "revenue" || !strings.Contains(err.Error(), "series revenue: ") || !strings.Contains(err.Error(), "cannot compute it") {
		t.Errorf("got %v", err)
	}
}
