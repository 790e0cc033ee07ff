// Package scenariotext reads what a scenario file and a market file's
// presets share: the rules for a scenario's name and the [set] table of
// input values (the values rule is in data/scenarios' scenario.go). It
// sits apart so that data/markets and data/scenarios both use it without
// importing each other.
package scenariotext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"sizeup/market"
)

// MaxNameLen is the longest scenario name, in characters.
const MaxNameLen = 64

const nameRule = "a name may hold letters, digits, spaces and - _ . , ' ( ) + &, up to 64 characters"

// NormalizeName trims a name and folds each run of white space inside it to
// one space, the form in which names are validated and saved.
func NormalizeName(name string) string { return strings.Join(strings.Fields(name), " ") }

// ValidName checks that name can name a scenario: a name, not a path. It
// refuses empty names, path separators, "." and "..", a leading dot,
// control characters, names longer than MaxNameLen, characters outside
// letters, digits, spaces and - _ . , ' ( ) + &, names without a letter or
// digit, and names whose file would be a device on Windows (CON, NUL, COM1…).
// The error is one sentence saying what was wrong and what is accepted.
func ValidName(name string) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("scenario name %s: %s; %s", market.QuoteShort(name), fmt.Sprintf(format, args...), nameRule)
	}
	switch {
	case name == "":
		return fmt.Errorf("the scenario name is empty; %s", nameRule)
	case strings.TrimSpace(name) == "" && utf8.ValidString(name) && !strings.ContainsFunc(name, unicode.IsControl):
		return bad("is only spaces")
	case !utf8.ValidString(name):
		return bad("is not valid UTF-8 text")
	}
	if i := strings.IndexFunc(name, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		return bad("contains the control character U+%04X", r)
	}
	switch {
	case name == "." || name == "..":
		return bad("%s names a folder, not a scenario", name)
	case strings.ContainsAny(name, `/\`):
		return bad("a name is not a path, so %q is not allowed", string(name[strings.IndexAny(name, `/\`)]))
	case strings.HasPrefix(name, "."):
		return bad("begins with a dot, which would hide its file")
	case name != strings.TrimSpace(name):
		return bad("begins or ends with a space")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return bad("is %d characters long", utf8.RuneCountInString(name))
	}
	letterOrDigit := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letterOrDigit = true
		case unicode.IsMark(r) || strings.ContainsRune(" -_.,'()+&", r):
		default:
			return bad("%q is not allowed", string(r))
		}
	}
	if !letterOrDigit {
		return bad("has no letter or digit")
	}
	stem := FileStem(name)
	device, _, _ := strings.Cut(stem, ".")
	if windowsDevice(device) {
		return bad("its file %s.toml would be the device %s on Windows", stem, strings.ToUpper(device))
	}
	return nil
}

func windowsDevice(s string) bool {
	switch strings.ToUpper(s) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	u := strings.ToUpper(s)
	if len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) {
		return u[3] >= '0' && u[3] <= '9'
	}
	for _, sup := range []string{"¹", "²", "³"} {
		if u == "COM"+sup || u == "LPT"+sup {
			return true
		}
	}
	return false
}

// FileStem maps a valid name to its file name without ".toml": lower case,
// letters, digits, _ and . kept, every other run of characters one "-".
// "Mobile-only licence" → "mobile-only-licence", "Bear (2018)" → "bear-2018".
// The name itself is kept inside the file.
func FileStem(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), "-.")
}
