package formula

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// testEnv is two inputs, a = 2 and b = 3, and a series s; the base year is
// 2020 and the horizon 4.
var testEnv = Env{Inputs: []string{"a", "b"}, Series: []string{"s"}, BaseYear: 2020}

var testInputs = []float64{2, 3}

const testHorizon = 4

// evaluate is a plain evaluator for the tests: node by node, year by
// year, with Apply; x^t by math.Pow. It returns each series and extra
// node in each year.
func evaluate(p *Program, extra ...int32) [][]float64 {
	return evaluateWith(p, testInputs, testEnv.BaseYear, extra...)
}

// evaluateWith is evaluate at other inputs and base year; tables are read
// through TimeLeaf.
func evaluateWith(p *Program, inputs []float64, base int, extra ...int32) [][]float64 {
	roots := append(append([]int32(nil), p.Series...), extra...)
	out := make([][]float64, len(roots))
	prev := make([]float64, len(p.Series))
	r := make([]float64, len(p.Nodes))
	for y := 0; y <= testHorizon; y++ {
		for i := range p.Nodes {
			n := &p.Nodes[i]
			var x, yv, z float64
			if n.A >= 0 && !n.Op.Leaf() {
				x = r[n.A]
			}
			if n.B >= 0 {
				yv = r[n.B]
			}
			if n.C >= 0 {
				z = r[n.C]
			}
			switch n.Op {
			case OpConst:
				r[i] = n.K
			case OpInput:
				r[i] = inputs[n.A]
			case OpT, OpYear, OpTable:
				r[i] = p.TimeLeaf(n, base, y)
			case OpHorizon:
				r[i] = testHorizon
			case OpPrev:
				r[i] = prev[n.A]
			case OpPowT:
				r[i] = math.Pow(x, float64(y))
			default:
				r[i] = Apply(n, x, yv, z)
			}
		}
		for j, s := range p.Series {
			prev[j] = r[s]
		}
		for j, root := range roots {
			out[j] = append(out[j], r[root])
		}
	}
	return out
}

// value compiles src as a check-like formula over testEnv (s = t + 1) and
// gives its value in year y.
func value(t *testing.T, src string, y int) float64 {
	t.Helper()
	c := NewCompiler(testEnv)
	if err := c.Series([]string{"t + 1"}); err != nil {
		t.Fatal(err)
	}
	n, _, err := c.Formula(Owner{Kind: CheckWhen, ID: "x"}, src)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return evaluate(c.Program(), n)[1][y]
}

func near(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b))
}

// TestPrecedence: the grammar of doc.go, worked out by hand.
func TestPrecedence(t *testing.T) {
	cases := []struct {
		src  string
		want float64
	}{
		{"-2^2", -4},          // unary minus below ^
		{"2^3^2", 512},        // ^ to the right: 2^9
		{"2^-1", 0.5},         // the exponent may carry a sign
		{"-a^2", -4},          // −(2²)
		{"(-a)^2", 4},         //
		{"1 + 2 * 3", 7},      // * above +
		{"(1 + 2) * 3", 9},    //
		{"a * b^2", 18},       // 2·9
		{"10 - 3 - 2", 5},     // left to right
		{"8 / 4 / 2", 1},      // left to right
		{"a / 0", 0},          // a/b is 0 when b is 0
		{"a / (b - 3)", 0},    //
		{"- -a", 2},           //
		{"+a", 2},             // a plus sign is nothing
		{"1 < 2", 1},          // comparisons give 1 or 0
		{"2 <= 1", 0},         //
		{"a >= 2", 1},         //
		{"a > 2", 0},          //
		{"a == 2", 1},         //
		{"a != 2", 0},         //
		{"1 + 2 > 2", 1},      // + above comparison: 3 > 2
		{"1 < 2 == 1", 1},     // comparisons left to right: (1<2) == 1
		{"1 or 0 and 0", 1},   // and above or: 1 or (0 and 0)
		{"(1 or 0) and 0", 0}, //
		{"a and b", 1},        // true is anything but 0
		{"0 or -1", 1},        //
		{"1e3 + 1_000", 2000}, // numbers
		{".5 * 4", 2},         //
		{"2.5E-1", 0.25},      //
		{"year", 2020},        // in the base year
		{"t", 0},              //
		{"horizon", 4},        //
		{"base_year", 2020},   //
		{"s", 1},              // a series: t + 1
		{"a^0.5", math.Sqrt2}, // lowered to sqrt
		{"a^3", 8},            // lowered to products
		{"a^0", 1},            //
	}
	for _, c := range cases {
		if got := value(t, c.src, 0); !near(got, c.want) {
			t.Errorf("%s = %v, want %v", c.src, got, c.want)
		}
	}
	// In year 3: t = 3, year 2023, s = 4, a^t = 8, exp(t) a step.
	for _, c := range []struct {
		src  string
		want float64
	}{{"t", 3}, {"year", 2023}, {"s", 4}, {"a^t", 8}, {"exp(0.5 * t + 1)", math.Exp(2.5)}, {"prev(s)", 3}} {
		if got := value(t, c.src, 3); !near(got, c.want) {
			t.Errorf("%s in year 3 = %v, want %v", c.src, got, c.want)
		}
	}
}

// builtinCases are each function's cases, worked out by hand (t = 0 and
// s = 1, a = 2, b = 3). TestBuiltins refuses a table entry without one.
var builtinCases = map[string][]struct {
	src  string
	want float64
}{
	"min":   {{"min(3, 1, 2)", 1}, {"min(5)", 5}, {"min(a, b)", 2}},
	"max":   {{"max(3, 1, 2)", 3}, {"max(-5)", -5}, {"max(a, b)", 3}},
	"clamp": {{"clamp(5, 0, 2)", 2}, {"clamp(-1, 0, 2)", 0}, {"clamp(a, 0, b)", 2}},
	"if":    {{"if(0, 1, 2)", 2}, {"if(-1, 1, 2)", 1}, {"if(a > b, a, b)", 3}},
	"abs":   {{"abs(-3)", 3}, {"abs(a - b)", 1}},
	"exp":   {{"exp(0)", 1}, {"exp(a)", math.Exp(2)}},
	"log":   {{"log(1)", 0}, {"log(exp(b))", 3}},
	"sqrt":  {{"sqrt(9)", 3}, {"sqrt(a * 8)", 4}},
	"round": {{"round(2.5)", 3}, {"round(-2.5)", -3}, {"round(0.49)", 0}, {"round(-0.5)", -1}, {"round(a / b)", 1}, {"round(1e3 * 1.0005)", 1001}, {"round(-0.4)", 0}},
	// F(2) with p = 0.03, q = 0.38: e = e^(−0.82), (1 − e)/(1 + (0.38/0.03)·e)
	"bass": {{"bass(0.03, 0.38, 2)", (1 - math.Exp(-0.82)) / (1 + 0.38/0.03*math.Exp(-0.82))},
		{"bass(0.03, 0.38, 0)", 0}, {"bass(0, 0.38, 2)", 0}, {"bass(0.03, 0.38, -1)", 0}},
	"prev": {{"prev(s)", 0}}, // 0 in the base year; year 3 in TestPrecedence
	// a value without dimensions is its own sum and mean (dims_test.go has the rest)
	"sum":  {{"sum(a)", 2}, {"sum(a * b)", 6}},
	"mean": {{"mean(b)", 3}},
}

// TestBuiltins: every function of the table does what its line says.
func TestBuiltins(t *testing.T) {
	for _, fn := range Builtins() {
		cases := builtinCases[fn.Name]
		if len(cases) == 0 {
			t.Errorf("%s has no test cases in builtinCases", fn.Name)
		}
		for _, c := range cases {
			if got := value(t, c.src, 0); !near(got, c.want) {
				t.Errorf("%s = %v, want %v", c.src, got, c.want)
			}
		}
	}
}

// TestRefusals: each refusal, its column (in characters) and its words.
func TestRefusals(t *testing.T) {
	cases := []struct {
		src  string
		at   string // the text the error's span starts at; "" for the end
		says string
	}{
		{"", "", "the formula is empty"},
		{"a * b * (12", "", "expected ) to close the ( at column 9, found the end of the formula"},
		{"a * bb * 12", "bb", `"bb" is not an input, a series or t, year; did you mean b?`},
		{"a * zzzzzz", "zzzzzz", `"zzzzzz" is not an input, a series or t, year, horizon, base_year`},
		{"a ** 2", "**", "write powers with ^"},
		{"a && b", "&&", `"&&" is not an operator; write and, or`},
		{"!a", "!", `"!" is not an operator; use != or if(…)`},
		{"a = 2", "=", `"=" is not an operator; compare with ==`},
		{"min()", "min", "min(…) takes one or more arguments, got none"},
		{"clamp(a, 0)", "clamp", "clamp(…) takes 3 arguments, got 2"},
		{"bass(0.03, 0.38)", "bass", "bass(…) takes 3 arguments, got 2"},
		{"sqr(a)", "sqr", `"sqr" is not a function; did you mean sqrt?`},
		{"zzzz(a)", "zzzz", `"zzzz" is not a function; the functions are ` + strings.Join(builtinNames(), ", ")},
		{"prev(a) * b", "a) *", "prev(a): a is not a series"},
		{"prev(2)", "2", "prev(…) takes the name of a series"},
		{"prev(q)", "q", `"q" is not an input`},
		{"a b", "b", `expected an operator before "b"`},
		{"a * 12 $", "$", "'$' is not allowed in a formula"},
		{"é + a", "é", "'é' is not allowed in a formula"},
		{"a + é", "é", "'é' is not allowed in a formula"}, // column 5: characters, not bytes
		{"a)", ")", "this ) has no ( to close"},
		{"a + and", "and", `expected a number, a name or ( but found "and"`},
		{"a + ", "", "expected a number, a name or ( but found the end of the formula"},
		{"min(a b)", "b", "expected , or ) in the arguments of min(…), found \"b\""},
		{"1__0", "1__0", `"1__0" is not a number`},
		{"1.2.3", "1.2.3", `"1.2.3" is not a number`},
	}
	for _, c := range cases {
		c0 := NewCompiler(testEnv)
		if err := c0.Series([]string{"t"}); err != nil {
			t.Fatal(err)
		}
		_, _, err := c0.Formula(Owner{Kind: CheckWhen, ID: "c", Index: 0}, c.src)
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("%q: %v, want a *formula.Error", c.src, err)
			continue
		}
		want := len([]rune(c.src)) + 1
		if c.at != "" {
			want = len([]rune(c.src[:strings.Index(c.src, c.at)])) + 1
		}
		if fe.Column() != want || !strings.Contains(fe.Msg, c.says) || fe.Owner.ID != "c" || fe.Text != c.src {
			t.Errorf("%q: column %d %q (owner %q), want column %d saying %q", c.src, fe.Column(), fe.Msg, fe.Owner.ID, want, c.says)
		}
		if prefix := "check c: column "; !strings.HasPrefix(fe.Error(), prefix) {
			t.Errorf("%q: %q does not start %q", c.src, fe.Error(), prefix)
		}
	}
}

// TestLoopIsNamedWhole: series that depend on each other in a loop are
// refused with every series of the loop, in order, at the name that
// closes it; prev breaks a loop.
func TestLoopIsNamedWhole(t *testing.T) {
	env := Env{Inputs: []string{"price"}, Series: []string{"buyers", "revenue_usd", "other"}}
	c := NewCompiler(env)
	err := c.Series([]string{"revenue_usd / price", "buyers * price * 12", "1"})
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("loop: %v", err)
	}
	want := "series revenue_usd: column 1: the series depend on each other in a loop: buyers → revenue_usd → buyers; break it, for instance with prev(buyers)"
	if fe.Error() != want || fe.Owner.Index != 1 {
		t.Errorf("loop: %q (index %d), want %q", fe, fe.Owner.Index, want)
	}
	err = NewCompiler(env).Series([]string{"1", "2 * revenue_usd", "1"})
	if err == nil || !strings.Contains(err.Error(), "series revenue_usd: column 5: revenue_usd depends on itself; use prev(revenue_usd)") {
		t.Errorf("self: %v", err)
	}
	if err := NewCompiler(env).Series([]string{"prev(revenue_usd) / price", "buyers * price * 12", "1"}); err != nil {
		t.Errorf("with prev: %v", err)
	}
}

// TestSeriesInDependencyOrder: a series may read one written after it;
// the values are as if each were worked out after what it reads.
func TestSeriesInDependencyOrder(t *testing.T) {
	c := NewCompiler(Env{Inputs: []string{"a", "b"}, Series: []string{"x", "y", "z"}})
	if err := c.Series([]string{"y * 2", "z + 1", "a * b + prev(x)"}); err != nil {
		t.Fatal(err)
	}
	got := evaluate(c.Program())
	// z = 6 + prev(x); y = z + 1; x = 2y. Year 0: z 6, y 7, x 14. Year 1: z 20, y 21, x 42.
	for j, want := range [][2]float64{{14, 42}, {7, 21}, {6, 20}} {
		if got[j][0] != want[0] || got[j][1] != want[1] {
			t.Errorf("series %d: %v, want %v", j, got[j][:2], want)
		}
	}
}

// TestNames: the names a formula reads, whole and in order, with where.
func TestNames(t *testing.T) {
	src := "min(Users * prev(net_usd), year) + t2"
	names, err := Names(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range names {
		got = append(got, n.Name+"@"+src[n.Span.Start:n.Span.End])
	}
	if want := "Users@Users net_usd@net_usd year@year t2@t2"; strings.Join(got, " ") != want {
		t.Errorf("Names = %v", got)
	}
	if _, err := Names("a +"); err == nil {
		t.Error("Names of a broken formula gave no error")
	}
}

// TestReserved: the words no input or series may take come from the
// language: the table's functions, and, or, t, year, horizon, base_year.
func TestReserved(t *testing.T) {
	for _, w := range append(builtinNames(), "and", "or", "t", "year", "horizon", "base_year") {
		if !Reserved(w) {
			t.Errorf("%s is not reserved", w)
		}
	}
	for _, w := range []string{"price", "tt", "minimum"} {
		if Reserved(w) {
			t.Errorf("%s is reserved", w)
		}
	}
}

var update = flag.Bool("update", false, "rewrite doc.go's list of functions from the table")

// TestDocListsTheTable: doc.go, the language's reference, lists every
// function of the table with its signature and meaning, in the table's
// order, so the reference cannot fall behind the table; -update writes
// the list.
func TestDocListsTheTable(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	const (
		start = "-run TestDoc -update):\n//\n"
		end   = "//\n// # Years"
	)
	text := string(doc)
	i, j := strings.Index(text, start), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatal("doc.go has no list of functions")
	}
	width := 0
	for _, fn := range Builtins() {
		width = max(width, utf8.RuneCountInString(fn.Signature))
	}
	var list strings.Builder
	for _, fn := range Builtins() {
		fmt.Fprintf(&list, "//\t%s%s  %s\n", fn.Signature, strings.Repeat(" ", width-utf8.RuneCountInString(fn.Signature)), fn.Meaning)
	}
	i += len(start)
	if *update {
		if err := os.WriteFile("doc.go", []byte(text[:i]+list.String()+text[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := text[i:j]; got != list.String() {
		t.Errorf("doc.go lists\n%s\nthe table has\n%s(go test ./market/formula -run TestDoc -update)", got, list.String())
	}
}

// TestApplyAndVectorAgree: every operation means the same on one number
// (Apply) and over a slice (Vector), special values included (FuzzCompile
// found max(+Inf, NaN) was +Inf in one and NaN in the other).
func TestApplyAndVectorAgree(t *testing.T) {
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 0.5, 2}
	var xs, ys, zs []float64
	for _, x := range special {
		for _, y := range special {
			for _, z := range special {
				xs, ys, zs = append(xs, x), append(ys, y), append(zs, z)
			}
		}
	}
	var nodes []Node
	for op := OpNeg; op <= OpBassF; op++ {
		switch op {
		case OpFunc, OpPowT, OpExpStep: // functions below; the steps carry years
			continue
		}
		nodes = append(nodes, Node{Op: op, A: 0, B: 1, C: 2})
	}
	for i, fn := range builtins {
		if fn.scalar != nil {
			nodes = append(nodes, Node{Op: OpFunc, Fn: uint8(i), A: 0, B: -1, C: -1})
		}
	}
	d := make([]float64, len(xs))
	for _, n := range nodes {
		Vector(&n, d, xs, ys, zs)
		for k := range d {
			want := Apply(&n, xs[k], ys[k], zs[k])
			if d[k] != want && !(math.IsNaN(d[k]) && math.IsNaN(want)) || math.Signbit(d[k]) != math.Signbit(want) && !math.IsNaN(want) {
				t.Errorf("op %d (fn %d) of %v, %v, %v: Vector %v, Apply %v", n.Op, n.Fn, xs[k], ys[k], zs[k], d[k], want)
				break
			}
		}
	}
}

// TestExpOfADeepChainCompilesAtOnce: exp of a series built from the one
// before twice over (s_k = s_{k−1} + 2·s_{k−1}) is a step a year; working
// out its slope visits each node once, not 2^k times (the fuzzer stalled).
func TestExpOfADeepChainCompilesAtOnce(t *testing.T) {
	const k = 60
	env := Env{Series: make([]string, k+1)}
	formulas := make([]string, k+1)
	env.Series[0], formulas[0] = "s0", "t"
	for i := 1; i < k; i++ {
		env.Series[i], formulas[i] = fmt.Sprintf("s%d", i), fmt.Sprintf("s%d + s%d * 2", i-1, i-1)
	}
	env.Series[k], formulas[k] = "e", fmt.Sprintf("exp(s%d * 1e-29)", k-1)
	c := NewCompiler(env)
	if err := c.Series(formulas); err != nil {
		t.Fatal(err)
	}
	p := c.Program()
	if op := p.Nodes[p.Series[k]].Op; op != OpExpStep {
		t.Errorf("exp of a value linear in t is %v, want a step", op)
	}
	// s_59 = 3^59·t, so e = exp(3^59·1e-29·t).
	if got, want := evaluate(p)[k][1], math.Exp(math.Pow(3, 59)*1e-29); !near(got, want) {
		t.Errorf("e in year 1 = %v, want %v", got, want)
	}
}

// TestNestingAndLengthAreBounded: a formula nested deeper than MaxDepth is
// refused at the ( that goes one level too deep, whatever its length, so
// no formula exhausts the stack of the parser, which recurses (200,000
// parentheses in a check's when were a fatal stack overflow); so is a
// formula longer than MaxLen, at the first character past it.
func TestNestingAndLengthAreBounded(t *testing.T) {
	ok := strings.Repeat("(", MaxDepth) + "1" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(ok); err != nil {
		t.Errorf("%d levels: %v", MaxDepth, err)
	}
	calls := strings.Repeat("abs(", MaxDepth) + "1" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(calls); err != nil {
		t.Errorf("%d calls: %v", MaxDepth, err)
	}
	for _, src := range []string{
		"1 + " + strings.Repeat("(", MaxDepth+1) + "1" + strings.Repeat(")", MaxDepth+1),
		"1 + " + strings.Repeat("(", 200_000) + "1" + strings.Repeat(")", 200_000),
		"1 + " + strings.Repeat("abs(", MaxDepth+1) + "1" + strings.Repeat(")", MaxDepth+1),
	} {
		if len(src) > MaxLen {
			_, err := Parse(src)
			var fe *Error
			if !errors.As(err, &fe) || fe.Span.Start != MaxLen || !strings.Contains(fe.Msg, "at most 2000") {
				t.Errorf("%d characters: %v, want a refusal at byte %d", len(src), err, MaxLen)
			}
			continue
		}
		_, err := Parse(src)
		var fe *Error
		// 1 + is 4 bytes; the level-(MaxDepth+1) opener is the MaxDepth+1'th.
		want := 4 + MaxDepth
		if strings.Contains(src, "abs") {
			want = 4 + 4*MaxDepth
		}
		if !errors.As(err, &fe) || fe.Span.Start != want || !strings.Contains(fe.Msg, "nested more than 100 deep") {
			t.Errorf("%.30q…: %v (span %v), want a refusal at byte %d", src, err, fe, want)
		}
	}
	// Signs and powers nest too, bounded by the length alone.
	deep := strings.Repeat("-", MaxLen-1) + "1"
	if _, err := Parse(deep); err != nil {
		t.Errorf("%d signs: %v", MaxLen-1, err)
	}
}

// TestCompileWorkIsBounded: formulas that together compile to more than
// MaxNodes operations are refused at the formula that passes the limit,
// with a sentence naming it, so compiling (and the register files of
// evaluating) stays bounded whatever the file.
func TestCompileWorkIsBounded(t *testing.T) {
	const n = 100
	env := Env{Series: make([]string, n)}
	formulas := make([]string, n)
	for i := range formulas {
		var b strings.Builder
		b.WriteString("t")
		for k := 0; b.Len() < MaxLen-20; k++ {
			fmt.Fprintf(&b, " + t * %d.%d", i, k)
		}
		env.Series[i], formulas[i] = fmt.Sprintf("s%d", i), b.String()
	}
	c := NewCompiler(env)
	err := c.Series(formulas)
	var fe *Error
	if !errors.As(err, &fe) || !strings.Contains(fe.Msg, fmt.Sprintf("a market has at most %d", MaxNodes)) || fe.Owner.Kind != SeriesFormula {
		t.Fatalf("%d formulas of %d characters: %v, want a refusal naming the limit", n, MaxLen, err)
	}
	if got := len(c.Program().Nodes); got > MaxNodes+MaxLen {
		t.Errorf("compiled %d operations before refusing", got)
	}
}
