package formula

import (
	"fmt"
	"unicode/utf8"
)

// Span is a stretch of a formula's text in byte offsets, [Start, End).
// Every token, node and error carries one, so a caller can point at the
// fault in its own file without guessing it back from the text.
type Span struct{ Start, End int }

// Column is the 1-based column of the span's start in text, in characters.
func (s Span) Column(text string) int { return column(text, s.Start) }

func column(text string, pos int) int {
	pos = min(max(pos, 0), len(text))
	return utf8.RuneCountInString(text[:pos]) + 1
}

// OwnerKind is what a formula belongs to.
type OwnerKind uint8

const (
	SeriesFormula OwnerKind = iota // a series' formula
	CheckWhen                      // a check's condition
	CheckSay                       // a {…} in a check's sentence
)

// Owner names the series or check a formula belongs to: Index is its place
// among the market's series (or checks), ID its id ("2" for a check
// without one).
type Owner struct {
	Kind  OwnerKind
	ID    string
	Index int
}

// What is "series" or "check", as the owner is named in messages.
func (o Owner) What() string {
	if o.Kind == SeriesFormula {
		return "series"
	}
	return "check"
}

// Error is a refusal of a formula: what is wrong, where in Text (the
// formula, or for CheckSay the whole sentence), and whose it is. It is the
// one error the language returns.
type Error struct {
	Owner Owner
	Span  Span
	Text  string
	Msg   string
}

// Column is the 1-based column of the fault in Text, in characters.
func (e *Error) Column() int { return e.Span.Column(e.Text) }

func (e *Error) Error() string {
	return fmt.Sprintf("%s %s: column %d: %s", e.Owner.What(), e.Owner.ID, e.Column(), e.Msg)
}

// errorAt is an Error without an owner yet: the parser knows the text, the
// compiler knows whose it is.
func errorAt(text string, s Span, format string, args ...any) *Error {
	return &Error{Span: s, Text: text, Msg: fmt.Sprintf(format, args...)}
}
