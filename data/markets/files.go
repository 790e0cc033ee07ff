package markets

import "sizeup/data/internal/tomlfile"

// FileError locates a problem in a market file:
// "file:line: field: what is wrong". Scenario files report theirs the same
// way (scenarios.FileError is the same type).
type FileError = tomlfile.FileError

// EscapeControls shows the control characters of a message as \x1b, \u009b
// and so on, for text that is printed rather than loaded: the command line
// passes every error through it before printing.
func EscapeControls(s string) string { return tomlfile.EscapeControls(s) }

// cleanText makes text from a file safe to show (tomlfile.CleanText).
func cleanText(s string, multiline bool) string { return tomlfile.CleanText(s, multiline) }
