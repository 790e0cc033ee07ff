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
//   - the ids of the market's inputs (the same in every year), series
//     (their value this year) and tables (their figure this year);
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
// error, a name that is neither an input, a series, a table nor one of the
// language's, a function that does not exist, a wrong number of arguments,
// prev of anything but a series, a loop (named whole: a → b → a), an item
// that is not one of its value's, a sum over a dimension the value does
// not have, a series whose declared dims differ from its formula's, a
// value of more than 3 dims or 1,000 items, a
// formula over 2,000 characters, parentheses and calls nested more than
// 100 deep (a formula such as ((((x)))) nests 4 deep; f(g(x)) 2), and a
// market whose formulas compile to more than 20,000 operations are refused
// as file:line:col: series ID: what is wrong, where line and column are
// the file's own, escapes and multi-line strings included; a close name is
// offered ("did you mean price?").
//
// # Dimensions
//
// A market split by region, product or channel declares each split once
// ([[dimension]] with its items) and gives an input, a table or a series
// dims: it is then a value per item (per item × item for two dims):
//
//	households * replace_rate + new_homes * new_share   per region, when those are
//	sum(units)             every item added up: one number
//	sum(units, region)     added over region's items, per any other dims it has
//	mean(price, product)   averaged likewise
//	units[north]           one item; units[north][heat] for two dims
//	prev(stock)            last year's value, item by item
//
// Arithmetic and functions work item by item. Operands with different dims
// broadcast: a value without dims applies to every item, and region ×
// product makes a grid. A series' dims are its formula's; a series may
// declare them (dims = ["region"]), and they must then match. A check's
// condition with dims holds when any item's does; a {…} in its sentence
// must be one number (name an item or add them up). A value has at most 3
// dims and 1,000 items. The compiler builds a formula once per item, so a
// segmented market is as fast per item as one without dims.
//
// # Tables
//
// A [[table]] is figures by year (and by item, with dims): linear between
// the years given, or held until the next (interpolate = "step"), and held
// flat before the first and after the last. Its id is a value like an
// input's that changes with the year. An input of kind path has a table's
// id as its default and is a factor on it: the formula reads the factor
// times the table's figure that year.
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
