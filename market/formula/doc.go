// Package formula is the language of a market file's formulas: the
// reference for a market file's author, and the lexer, parser, checker and
// compiler that turn formulas into the graph of operations package market
// evaluates year by year, column by column and over blocks of Monte Carlo
// samples (DESIGN.md §9).
//
// # Where formulas are written
//
// Each [[series]] of a market file has a formula, worked out for every
// year from the base year to the base year + horizon:
//
//	[[series]]
//	id = "users"
//	formula = "min(internet_users * (1 + user_growth)^t, user_ceiling)"
//
// A [[check]]'s when is a formula too (the check holds in a year where it
// is not 0), and so is each {…} in its say.
//
// # Values
//
//   - numbers: 12, 0.5, .5, 1e9, 2.5E-3, 1_000_000;
//   - the ids of the market's inputs (the same in every year) and series
//     (their value this year);
//   - t, the years since the base year (0 in the base year); year, the
//     calendar year; horizon, the years projected after the base year;
//     base_year, the first year.
//
// Names are letters, digits and _, starting with a letter or _; ids of
// inputs and series are lower case. The words above, and, or and the
// functions' names are the language's own: no input or series may take
// them.
//
// # Operators, tightest first
//
//	( … )  f(…)          parentheses, calls
//	^                    power, to the right: 2^3^2 is 2^9; 2^-1 is 0.5
//	-  +                 sign: below ^, so -2^2 is −4
//	*  /                 left to right; a / b is 0 when b is 0
//	+  -                 left to right
//	<  <=  >  >=  ==  != comparisons, left to right: 1 or 0
//	and                  1 when both sides are not 0, else 0
//	or                   1 when either side is not 0, else 0
//
// There is no ** (write ^), = (write ==), ! (write != or if), && or ||
// (write and, or). True is any number but 0.
//
// # Functions
//
// The functions (this list is written from the table in builtins.go by
// go test ./market/formula -run TestDoc -update):
//
//	min(a, b, …)      the smallest of its arguments
//	max(a, b, …)      the largest of its arguments
//	clamp(x, lo, hi)  x held between lo and hi: min(max(x, lo), hi)
//	if(c, a, b)       a when c is true (not 0), b otherwise
//	abs(x)            x without its sign
//	exp(x)            e to the power x
//	log(x)            the natural logarithm of x
//	sqrt(x)           the square root of x
//	round(x)          x to the nearest whole number, halves away from 0 (Excel's ROUND(x, 0))
//	bass(p, q, s)     Bass's share adopted after s years, (1 − e^(−(p+q)s)) / (1 + (q/p)·e^(−(p+q)s)); 0 when s ≤ 0 or p ≤ 0
//	sum(x [, dim])    x added up over all its items, or over the items of one dimension
//	mean(x [, dim])   x averaged over all its items, or over the items of one dimension
//	prev(name)        that series in the previous year; 0 in the base year
//
// # Years and order
//
// Each year the series are worked out in dependency order: a series after
// every series its formula names, whatever their order in the file. A
// series may not depend on itself, directly or through others; prev(x) is
// last year's x and is not a dependency, so it breaks such a loop:
//
//	formula = "prev(stock) * (1 - churn) + new_buyers"
//
// # Refusals
//
// A formula is checked when the market loads; every formula (a series', a
// check's when, each {…} of its say) keeps to the same rules. A syntax
// error, a name that is neither an input, a series nor one of the
// language's, a function that does not exist, a wrong number of arguments,
// prev of anything but a series, a loop (named whole: a → b → a), a
// formula over 2,000 characters, parentheses and calls nested more than
// 100 deep (a formula such as ((((x)))) nests 4 deep; f(g(x)) 2), and a
// market whose formulas compile to more than 20,000 operations are refused
// as file:line:col: series ID: what is wrong, where line and column are
// the file's own, escapes and multi-line strings included; a close name is
// offered ("did you mean price?").
//
// # Next
//
// DESIGN.md §10 grows the language: values with dimensions (a value per
// region or product, sum(x, dim), x[item]), tables of figures by year, and
// units checked on every operator (adds homes and usd is refused). Every
// formula valid here stays valid.
//
// # For Go readers
//
// Parse makes the tree (ast.go) of one formula; a Compiler resolves its
// names (check.go), orders the series and builds one graph of Nodes
// (compile.go) with the lowerings the Monte Carlo kernel wants (x^t as a
// running product, exp of a value linear in t as a step, bass as its
// parts). Apply is each operation's meaning on numbers and Vector its loop
// over slices (ir.go, vector.go); Schedule cuts the part of the graph one
// use needs. Every error is an *Error with a Span into the text and the
// series or check it belongs to.
package formula
