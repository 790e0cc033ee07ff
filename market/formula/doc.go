// Package formula is the language of a market file's formulas (DESIGN.md
// §9): its lexer, parser, checker and compiler into a graph of operations
// (the IR) that package market evaluates year by year, column by column
// and over blocks of Monte Carlo samples.
package formula
