package market

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The formula language of DESIGN.md §9: numbers, names, + - * / ^,
// comparisons, and, or, parentheses and a few functions. parseFormula turns
// a formula's text into a tree; compile.go turns the trees of a market into
// a program.

// expr is one node of a parsed formula.
type expr struct {
	kind exprKind
	op   string  // the operator or function name
	num  float64 // a number's value
	name string  // a name's text
	args []*expr // operands, or a call's arguments
	pos  int     // byte offset in the formula, for errors
}

type exprKind uint8

const (
	exprNum exprKind = iota
	exprName
	exprUnary  // op is "-"
	exprBinary // op is + - * / ^ < <= > >= == != and or
	exprCall   // op is the function's name
)

// FormulaError is a refusal of a formula, at a place in it.
type FormulaError struct {
	Series  string // the series (or check) the formula belongs to
	What    string // "series" or "check"
	Col     int    // 1-based column in the formula's text, in characters
	Msg     string
	Formula string
}

func (e *FormulaError) Error() string {
	return fmt.Sprintf("%s %s: column %d: %s", e.What, e.Series, e.Col, e.Msg)
}

// functions and how many arguments each takes (-1: one or more).
var functions = map[string]int{
	"min": -1, "max": -1, "clamp": 3, "if": 3, "abs": 1, "exp": 1,
	"log": 1, "sqrt": 1, "bass": 3, "prev": 1,
}

// builtinNames are the names every formula knows besides the market's
// inputs and series.
var builtinNames = []string{"t", "year", "horizon", "base_year"}

// reservedWords may not be used as an input or series id.
func reservedWord(name string) bool {
	if _, ok := functions[name]; ok {
		return true
	}
	switch name {
	case "and", "or":
		return true
	}
	for _, b := range builtinNames {
		if b == name {
			return true
		}
	}
	return false
}

type token struct {
	kind byte // 'n' number, 'i' name, 'o' operator or punctuation, 0 end
	text string
	num  float64
	pos  int
}

type parser struct {
	src  string
	toks []token
	i    int
}

// parseError is a problem at byte offset pos.
type parseError struct {
	pos int
	msg string
}

func (e *parseError) Error() string { return e.msg }

// column is the 1-based character column of byte offset pos in s.
func column(s string, pos int) int {
	if pos > len(s) {
		pos = len(s)
	}
	return utf8.RuneCountInString(s[:pos]) + 1
}

func lex(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == '_') {
				j++
			}
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && s[k] >= '0' && s[k] <= '9' {
					j = k
					for j < len(s) && s[j] >= '0' && s[j] <= '9' {
						j++
					}
				}
			}
			text := s[i:j]
			v, err := strconv.ParseFloat(text, 64)
			if err != nil || strings.HasPrefix(text, "_") || strings.HasSuffix(text, "_") || strings.Contains(text, "__") {
				return nil, &parseError{i, fmt.Sprintf("%q is not a number", text)}
			}
			toks = append(toks, token{kind: 'n', text: text, num: v, pos: i})
			i = j
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
				j++
			}
			toks = append(toks, token{kind: 'i', text: s[i:j], pos: i})
			i = j
		default:
			two := ""
			if i+1 < len(s) {
				two = s[i : i+2]
			}
			switch two {
			case "<=", ">=", "==", "!=":
				toks = append(toks, token{kind: 'o', text: two, pos: i})
				i += 2
				continue
			case "**":
				return nil, &parseError{i, "\"**\" is not an operator; write powers with ^"}
			case "&&", "||":
				return nil, &parseError{i, fmt.Sprintf("%q is not an operator; write and, or", two)}
			}
			switch c {
			case '+', '-', '*', '/', '^', '<', '>', '(', ')', ',':
				toks = append(toks, token{kind: 'o', text: string(c), pos: i})
				i++
				continue
			case '=':
				return nil, &parseError{i, "\"=\" is not an operator; compare with =="}
			case '!':
				return nil, &parseError{i, "\"!\" is not an operator; use != or if(…)"}
			}
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, &parseError{i, fmt.Sprintf("%s is not allowed in a formula", strconv.QuoteRune(r))}
		}
	}
	return append(toks, token{pos: len(s)}), nil
}

// parseFormula parses a formula's text into a tree.
func parseFormula(s string) (*expr, error) {
	if strings.TrimSpace(s) == "" {
		return nil, &parseError{0, "the formula is empty"}
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{src: s, toks: toks}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != 0 {
		if t.text == ")" {
			return nil, &parseError{t.pos, "this ) has no ( to close"}
		}
		return nil, &parseError{t.pos, fmt.Sprintf("expected an operator before %s", describe(t))}
	}
	return e, nil
}

func describe(t token) string {
	if t.kind == 0 {
		return "the end of the formula"
	}
	return strconv.Quote(t.text)
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != 0 {
		p.i++
	}
	return t
}

func (p *parser) isOp(texts ...string) (token, bool) {
	t := p.peek()
	if t.kind != 'o' && t.kind != 'i' {
		return t, false
	}
	for _, x := range texts {
		if t.text == x {
			return t, true
		}
	}
	return t, false
}

// binaryLevel parses operands joined left to right by any of ops.
func (p *parser) binaryLevel(operand func() (*expr, error), ops ...string) (*expr, error) {
	left, err := operand()
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.isOp(ops...)
		if !ok {
			return left, nil
		}
		p.next()
		right, err := operand()
		if err != nil {
			return nil, err
		}
		left = &expr{kind: exprBinary, op: t.text, args: []*expr{left, right}, pos: t.pos}
	}
}

func (p *parser) or() (*expr, error)  { return p.binaryLevel(p.and, "or") }
func (p *parser) and() (*expr, error) { return p.binaryLevel(p.cmp, "and") }
func (p *parser) cmp() (*expr, error) {
	return p.binaryLevel(p.add, "<", "<=", ">", ">=", "==", "!=")
}
func (p *parser) add() (*expr, error) { return p.binaryLevel(p.mul, "+", "-") }
func (p *parser) mul() (*expr, error) { return p.binaryLevel(p.unary, "*", "/") }

// unary is a minus or plus sign, which binds looser than ^: -2^2 is −4.
func (p *parser) unary() (*expr, error) {
	if t, ok := p.isOp("-", "+"); ok && t.kind == 'o' {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		if t.text == "+" {
			return x, nil
		}
		return &expr{kind: exprUnary, op: "-", args: []*expr{x}, pos: t.pos}, nil
	}
	return p.power()
}

// power is primary ^ unary: ^ binds tightest and to the right, and its
// exponent may carry a sign (2^-1).
func (p *parser) power() (*expr, error) {
	base, err := p.primary()
	if err != nil {
		return nil, err
	}
	if t, ok := p.isOp("^"); ok {
		p.next()
		exp, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &expr{kind: exprBinary, op: "^", args: []*expr{base, exp}, pos: t.pos}, nil
	}
	return base, nil
}

func (p *parser) primary() (*expr, error) {
	t := p.next()
	switch {
	case t.kind == 'n':
		return &expr{kind: exprNum, num: t.num, pos: t.pos}, nil
	case t.kind == 'i' && (t.text == "and" || t.text == "or"):
		return nil, &parseError{t.pos, fmt.Sprintf("expected a number, a name or ( but found %q", t.text)}
	case t.kind == 'i':
		if open, ok := p.isOp("("); ok && open.kind == 'o' {
			return p.call(t)
		}
		return &expr{kind: exprName, name: t.text, pos: t.pos}, nil
	case t.kind == 'o' && t.text == "(":
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.text != ")" {
			return nil, &parseError{c.pos, fmt.Sprintf("expected ) to close the ( at column %d, found %s", column(p.src, t.pos), describe(c))}
		}
		return e, nil
	}
	return nil, &parseError{t.pos, fmt.Sprintf("expected a number, a name or ( but found %s", describe(t))}
}

func (p *parser) call(name token) (*expr, error) {
	p.next() // (
	e := &expr{kind: exprCall, op: name.text, pos: name.pos}
	if _, ok := p.isOp(")"); ok {
		p.next()
	} else {
		for {
			arg, err := p.or()
			if err != nil {
				return nil, err
			}
			e.args = append(e.args, arg)
			t := p.next()
			if t.text == ")" {
				break
			}
			if t.text != "," {
				return nil, &parseError{t.pos, fmt.Sprintf("expected , or ) in the arguments of %s(…), found %s", name.text, describe(t))}
			}
		}
	}
	want, known := functions[name.text]
	switch {
	case !known:
		msg := fmt.Sprintf("%q is not a function; the functions are %s", name.text, functionList())
		if near := nearest(name.text, functionNames()); near != "" {
			msg = fmt.Sprintf("%q is not a function; did you mean %s?", name.text, near)
		}
		return nil, &parseError{name.pos, msg}
	case want == -1 && len(e.args) == 0:
		return nil, &parseError{name.pos, fmt.Sprintf("%s(…) takes one or more arguments, got none", name.text)}
	case want >= 0 && len(e.args) != want:
		return nil, &parseError{name.pos, fmt.Sprintf("%s(…) takes %d argument%s, got %d", name.text, want, plural(want), len(e.args))}
	}
	return e, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func functionNames() []string {
	return []string{"min", "max", "clamp", "if", "abs", "exp", "log", "sqrt", "bass", "prev"}
}

func functionList() string { return strings.Join(functionNames(), ", ") }

// Nearest is the candidate closest to name by edit distance, if it is
// close enough to be a likely typo ("" otherwise), for "did you mean".
func Nearest(name string, candidates []string) string { return nearest(name, candidates) }

func nearest(name string, candidates []string) string {
	// A name that begins exactly one candidate ("tam" for "tam_usd").
	prefixed := ""
	for _, c := range candidates {
		if len(name) >= 2 && strings.HasPrefix(c, name) {
			if prefixed != "" {
				prefixed = "-"
				break
			}
			prefixed = c
		}
	}
	if prefixed != "" && prefixed != "-" {
		return prefixed
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(name)/3) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
