package formula

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokenKind uint8

const (
	tokEnd tokenKind = iota
	tokNumber
	tokName
	tokPunct // an operator, a parenthesis, a bracket or a comma
)

type token struct {
	kind tokenKind
	text string
	num  float64
	span Span
}

// lex splits a formula into tokens, ending with a tokEnd at len(s).
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			t, err := lexNumber(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = t.span.End
		case isLetter(c):
			j := i
			for j < len(s) && (isLetter(s[j]) || isDigit(s[j])) {
				j++
			}
			toks = append(toks, token{kind: tokName, text: s[i:j], span: Span{i, j}})
			i = j
		default:
			t, err := lexPunct(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = t.span.End
		}
	}
	return append(toks, token{span: Span{len(s), len(s)}}), nil
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

// lexNumber reads 12, 0.5, 1_000, 1e9, 2.5E-3 at s[i:].
func lexNumber(s string, i int) (token, error) {
	j := i
	for j < len(s) && (isDigit(s[j]) || s[j] == '.' || s[j] == '_') {
		j++
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			j = k
			for j < len(s) && isDigit(s[j]) {
				j++
			}
		}
	}
	text := s[i:j]
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || strings.HasPrefix(text, "_") || strings.HasSuffix(text, "_") || strings.Contains(text, "__") {
		return token{}, errorAt(s, Span{i, j}, "%q is not a number", text)
	}
	return token{kind: tokNumber, text: text, num: v, span: Span{i, j}}, nil
}

// lexPunct reads an operator or punctuation at s[i:], and refuses with a
// hint the ones other languages have.
func lexPunct(s string, i int) (token, error) {
	if i+1 < len(s) {
		two := s[i : i+2]
		switch two {
		case "<=", ">=", "==", "!=":
			return token{kind: tokPunct, text: two, span: Span{i, i + 2}}, nil
		case "**":
			return token{}, errorAt(s, Span{i, i + 2}, "\"**\" is not an operator; write powers with ^")
		case "&&", "||":
			return token{}, errorAt(s, Span{i, i + 2}, "%q is not an operator; write and, or", two)
		}
	}
	switch c := s[i]; c {
	case '+', '-', '*', '/', '^', '<', '>', '(', ')', ',', '[', ']':
		return token{kind: tokPunct, text: string(c), span: Span{i, i + 1}}, nil
	case '=':
		return token{}, errorAt(s, Span{i, i + 1}, "\"=\" is not an operator; compare with ==")
	case '!':
		return token{}, errorAt(s, Span{i, i + 1}, "\"!\" is not an operator; use != or if(…)")
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return token{}, errorAt(s, Span{i, i + size}, "%s is not allowed in a formula", strconv.QuoteRune(r))
}
