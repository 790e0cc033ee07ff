package formula

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxLen is the longest formula, in bytes, and MaxDepth the most
// parentheses and calls nested inside one another: every formula (a
// series', a check's when, each {…} of its say) keeps to both, so no
// formula's tree is deep enough to exhaust the stack of the parser, the
// checker or the compiler, which recurse.
const (
	MaxLen   = 2000
	MaxDepth = 100
)

// Parse turns a formula's text into a tree. Function names and argument
// counts are checked here; names are resolved by the compiler. The error
// is an *Error without an owner.
func Parse(src string) (Expr, error) {
	if strings.TrimSpace(src) == "" {
		return nil, errorAt(src, Span{0, len(src)}, "the formula is empty")
	}
	if len(src) > MaxLen {
		return nil, errorAt(src, Span{MaxLen, len(src)}, "the formula is %d characters; a formula has at most %d", len(src), MaxLen)
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks}
	e, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEnd {
		if t.text == ")" {
			return nil, errorAt(src, t.span, "this ) has no ( to close")
		}
		return nil, errorAt(src, t.span, "expected an operator before %s", describe(t))
	}
	return e, nil
}

type parser struct {
	src   string
	toks  []token
	i     int
	depth int // the parentheses and calls open
}

// open enters the parentheses or call that t opens, refusing one nested
// deeper than MaxDepth; close leaves it.
func (p *parser) open(t token) error {
	if p.depth++; p.depth > MaxDepth {
		return errorAt(p.src, t.span, "parentheses and calls are nested more than %d deep here; a formula nests at most %d", MaxDepth, MaxDepth)
	}
	return nil
}

func (p *parser) close() { p.depth-- }

func describe(t token) string {
	if t.kind == tokEnd {
		return "the end of the formula"
	}
	return strconv.Quote(t.text)
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEnd {
		p.i++
	}
	return t
}

// is reports whether the next token is the sign (or word) s.
func (p *parser) is(s string) bool {
	t := p.peek()
	return (t.kind == tokPunct || t.kind == tokName) && t.text == s
}

// binary parses the operators of levels[level:] and below: operands joined
// left to right.
func (p *parser) binary(level int) (Expr, error) {
	if level == len(levels) {
		return p.unary()
	}
	left, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		op, ok := p.operator(levels[level])
		if !ok {
			return left, nil
		}
		t := p.next()
		right, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		left = &Binary{Op: op, X: left, Y: right, At: t.span}
	}
}

func (p *parser) operator(ops []BinaryOp) (BinaryOp, bool) {
	for _, op := range ops {
		if p.is(op.String()) {
			return op, true
		}
	}
	return 0, false
}

// unary is a minus or plus sign, which binds looser than ^: -2^2 is −4.
func (p *parser) unary() (Expr, error) {
	if t := p.peek(); t.kind == tokPunct && (t.text == "-" || t.text == "+") {
		p.next()
		x, err := p.unary()
		if err != nil || t.text == "+" {
			return x, err
		}
		return &Neg{X: x, At: t.span}, nil
	}
	return p.power()
}

// power is primary ^ unary: ^ binds tightest and to the right, and its
// exponent may carry a sign (2^-1).
func (p *parser) power() (Expr, error) {
	base, err := p.primary()
	if err != nil || !p.is("^") {
		return base, err
	}
	t := p.next()
	exp, err := p.unary()
	if err != nil {
		return nil, err
	}
	return &Binary{Op: Pow, X: base, Y: exp, At: t.span}, nil
}

func (p *parser) primary() (Expr, error) {
	t := p.next()
	switch {
	case t.kind == tokNumber:
		return &Num{Value: t.num, At: t.span}, nil
	case t.kind == tokName && (t.text == "and" || t.text == "or"):
		return nil, errorAt(p.src, t.span, "expected a number, a name or ( but found %q", t.text)
	case t.kind == tokName:
		if p.peek().kind == tokPunct && p.is("(") {
			return p.call(t)
		}
		return p.items(&Name{Name: t.text, At: t.span})
	case t.kind == tokPunct && t.text == "(":
		if err := p.open(t); err != nil {
			return nil, err
		}
		e, err := p.binary(0)
		if err != nil {
			return nil, err
		}
		p.close()
		if c := p.next(); c.text != ")" {
			return nil, errorAt(p.src, c.span, "expected ) to close the ( at column %d, found %s", column(p.src, t.span.Start), describe(c))
		}
		return e, nil
	}
	return nil, errorAt(p.src, t.span, "expected a number, a name or ( but found %s", describe(t))
}

// items reads the [item] after a name, one per dimension it picks:
// units[north], sales[north][heat].
func (p *parser) items(x Expr) (Expr, error) {
	for p.is("[") {
		open := p.next()
		item := p.next()
		if item.kind != tokName {
			return nil, errorAt(p.src, item.span, "expected the name of an item after [, found %s", describe(item))
		}
		if c := p.next(); c.text != "]" {
			return nil, errorAt(p.src, c.span, "expected ] to close the [ at column %d, found %s", column(p.src, open.span.Start), describe(c))
		}
		x = &Index{X: x, Item: item.text, At: item.span}
	}
	return x, nil
}

func (p *parser) call(name token) (Expr, error) {
	p.next() // (
	if err := p.open(name); err != nil {
		return nil, err
	}
	defer p.close()
	var args []Expr
	if p.is(")") {
		p.next()
	} else {
		for {
			arg, err := p.binary(0)
			if err != nil {
				return nil, err
			}
			args = append(args, arg)
			t := p.next()
			if t.text == ")" {
				break
			}
			if t.text != "," {
				return nil, errorAt(p.src, t.span, "expected , or ) in the arguments of %s(…), found %s", name.text, describe(t))
			}
		}
	}
	fn := lookupBuiltin(name.text)
	if fn == nil {
		msg := fmt.Sprintf("%q is not a function; the functions are %s", name.text, strings.Join(builtinNames(), ", "))
		if near := Nearest(name.text, builtinNames()); near != "" {
			msg = fmt.Sprintf("%q is not a function; did you mean %s?", name.text, near)
		}
		return nil, errorAt(p.src, name.span, "%s", msg)
	}
	if msg := fn.arityError(len(args)); msg != "" {
		return nil, errorAt(p.src, name.span, "%s", msg)
	}
	return &Call{Fn: fn, Args: args, At: name.span}, nil
}
