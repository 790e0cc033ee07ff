package formula

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Units (DESIGN.md §10): every input, table and series has a unit, a
// product of base quantities with whole powers, and the checker
// (unitcheck.go) works out each formula's unit. The bases are the counts
// (people, and each count a market declares in [units]) and the money
// (usd, and the market's own currency, which becomes usd only through the
// rate input). Plain numbers (percent, coefficient, count) have no base.
// Time words (month, year) are shown but not checked: they never enter
// the algebra.

// Base is one base quantity of a market's units.
type Base struct {
	ID   string // as written in units: "people", "usd", "inr", "homes"
	Name string // as people read it, plural: "people", "usd", "homes"
	One  string // one of it, after a "/": "person", "usd", "home"
	rank int    // the order bases are written in: money, people, the rest
}

// factor is a base to a power.
type factor struct {
	base *Base
	exp  int8
}

// maxFactors is how many different bases one unit may have; maxPower the
// largest power of one base. Past them a unit is refused, not wrapped.
const (
	maxFactors = 6
	maxPower   = 24
)

// Unit is a product of bases to whole powers. The zero Unit is a plain
// number. Units of one market compare with ==: the factors are kept in the
// bases' order and each base is one pointer.
type Unit struct {
	f [maxFactors]factor
	n uint8
}

// IsPlain reports whether u is a plain number (no base at all).
func (u Unit) IsPlain() bool { return u.n == 0 }

// Power is the power of base b in u (0 when u has none of it).
func (u Unit) Power(b *Base) int {
	for _, f := range u.f[:u.n] {
		if f.base == b {
			return int(f.exp)
		}
	}
	return 0
}

// Of is the unit made of base b alone.
func Of(b *Base) Unit {
	var u Unit
	u.f[0], u.n = factor{b, 1}, 1
	return u
}

// Mul is u·v; ok is false when the product would have more than
// maxFactors bases or a power past maxPower.
func (u Unit) Mul(v Unit) (Unit, bool) { return u.combine(v, 1) }

// Div is u/v; ok as for Mul.
func (u Unit) Div(v Unit) (Unit, bool) { return u.combine(v, -1) }

// Pow is u to the power n; ok as for Mul.
func (u Unit) Pow(n int) (Unit, bool) {
	if n == 0 {
		return Unit{}, true
	}
	out := u
	for i := range out.f[:out.n] {
		p := int(out.f[i].exp) * n
		if p > maxPower || p < -maxPower {
			return Unit{}, false
		}
		out.f[i].exp = int8(p)
	}
	return out, true
}

func (u Unit) combine(v Unit, sign int) (Unit, bool) {
	fs := make([]factor, 0, 2*maxFactors)
	fs = append(fs, u.f[:u.n]...)
	for _, g := range v.f[:v.n] {
		i := slices.IndexFunc(fs, func(f factor) bool { return f.base == g.base })
		if i < 0 {
			fs = append(fs, factor{g.base, 0})
			i = len(fs) - 1
		}
		p := int(fs[i].exp) + sign*int(g.exp)
		if p > maxPower || p < -maxPower {
			return Unit{}, false
		}
		fs[i].exp = int8(p)
	}
	fs = slices.DeleteFunc(fs, func(f factor) bool { return f.exp == 0 })
	if len(fs) > maxFactors {
		return Unit{}, false
	}
	slices.SortFunc(fs, func(a, b factor) int { return a.base.rank - b.base.rank })
	var out Unit
	out.n = uint8(copy(out.f[:], fs))
	return out, true
}

// String names the unit as people read it: "usd/person", "homes",
// "usd*people", "people^2", "1/home", "a plain number".
func (u Unit) String() string {
	if u.n == 0 {
		return "a plain number"
	}
	var num, den []string
	for _, f := range u.f[:u.n] {
		switch {
		case f.exp == 1:
			num = append(num, f.base.Name)
		case f.exp > 1:
			num = append(num, f.base.Name+"^"+strconv.Itoa(int(f.exp)))
		case f.exp == -1:
			den = append(den, f.base.One)
		default:
			den = append(den, f.base.One+"^"+strconv.Itoa(int(-f.exp)))
		}
	}
	s := strings.Join(num, "*")
	if s == "" {
		s = "1"
	}
	for _, d := range den {
		s += "/" + d
	}
	return s
}

// CountUnit is a count a market declares in [units]: homes = { label =
// "homes", one = "home" }.
type CountUnit struct {
	ID    string // the key: "homes"
	Label string // how a number of them is shown: "4.10M homes"
	One   string // one of them: "usd/home"; the ID when not given
}

// Units is one market's system of units: its bases and the names its
// files may write units with.
type Units struct {
	People, USD, Local *Base
	Counts             []*Base // the market's own counts, in the file's order
	words              map[string]word
}

// word is what one name in a unit's text stands for: a base, a plain
// number, or a time word (shown, not checked).
type word struct {
	base *Base
	time bool
}

// aliases are the §9 unit names, each a whole unit's text.
var aliases = map[string]string{
	"usd_per_month":    "usd/person/month",
	"percent_per_year": "percent/year",
	"local_per_usd":    "local/usd",
	"cny_per_usd":      "local/usd",
	"on_off":           "count",
}

var plainWords = []string{"percent", "coefficient", "count"}

var timeWords = []string{"month", "months", "year", "years"}

// NewUnits is the system of a market whose own currency has the given code
// ("INR"; "" for none) and whose [units] are counts. It refuses a count
// that takes a name the language already has.
func NewUnits(currency string, counts []CountUnit) (*Units, error) {
	s := &Units{words: map[string]word{}}
	s.USD = &Base{ID: "usd", Name: "usd", One: "usd", rank: 0}
	local := strings.ToLower(currency)
	if local == "" {
		local = "local" // local_per_usd in a market without a second currency
	}
	s.Local = &Base{ID: local, Name: local, One: local, rank: 1}
	s.People = &Base{ID: "people", Name: "people", One: "person", rank: 2}
	s.words["usd"] = word{base: s.USD}
	s.words[local] = word{base: s.Local}
	s.words["people"] = word{base: s.People}
	s.words["person"] = word{base: s.People}
	for _, w := range plainWords {
		s.words[w] = word{}
	}
	for _, w := range timeWords {
		s.words[w] = word{time: true}
	}
	s.words["local"] = word{base: s.Local}
	s.words["1"] = word{} // 1/person
	for i, c := range counts {
		one := c.One
		if one == "" {
			one = c.ID
		}
		label := c.Label
		if label == "" {
			label = c.ID
		}
		b := &Base{ID: c.ID, Name: label, One: one, rank: 3 + i}
		for _, name := range []string{c.ID, one} {
			if w, taken := s.words[name]; taken && w.base != b {
				return nil, fmt.Errorf("%q is already a unit (%s); give the count another name", name, s.describe(name))
			}
			if _, taken := aliases[name]; taken {
				return nil, fmt.Errorf("%q is already a unit (a name of §9); give the count another name", name)
			}
			s.words[name] = word{base: b}
		}
		s.Counts = append(s.Counts, b)
	}
	return s, nil
}

func (s *Units) describe(name string) string {
	w := s.words[name]
	switch {
	case w.time:
		return "a time word"
	case w.base == nil:
		return "a plain number"
	case w.base == s.USD || w.base == s.Local:
		return "money"
	}
	return "a count"
}

// Count is the market's count of that id (nil for none).
func (s *Units) Count(id string) *Base {
	for _, b := range s.Counts {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// Words lists the names a unit may be written with, sorted: the bases,
// the plain numbers, the time words and the §9 names.
func (s *Units) Words() []string {
	out := make([]string, 0, len(s.words)+len(aliases))
	for w := range s.words {
		out = append(out, w)
	}
	for a := range aliases {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Parse reads a unit as a file writes it: names joined by * and /, each
// / dividing by the one name after it ("usd/person/month"), or one of the
// §9 names ("usd_per_month"). Time words are read and left out of the
// unit. The error says what was wrong and what is accepted.
func (s *Units) Parse(text string) (Unit, error) {
	t := strings.TrimSpace(text)
	if a, ok := aliases[t]; ok {
		t = a
	}
	if t == "" {
		return Unit{}, fmt.Errorf("no unit given; %s", s.Accepted())
	}
	var u Unit
	sign := 1
	for t != "" {
		i := strings.IndexAny(t, "*/")
		name := t
		if i >= 0 {
			name = t[:i]
		}
		name = strings.TrimSpace(name)
		w, ok := s.words[name]
		if !ok {
			return Unit{}, s.unknown(text, name)
		}
		if w.base != nil {
			var fine bool
			if u, fine = u.combine(Of(w.base), sign); !fine {
				return Unit{}, fmt.Errorf("%q has too many parts; a unit has at most %d different counts and currencies", text, maxFactors)
			}
		}
		if i < 0 {
			break
		}
		sign = 1
		if t[i] == '/' {
			sign = -1
		}
		t = t[i+1:]
	}
	return u, nil
}

func (s *Units) unknown(text, name string) error {
	if name == "" {
		return fmt.Errorf("%q has an empty part; write a unit like usd/person/month, %s", text, s.Accepted())
	}
	q := strconv.Quote(name)
	if len(name) > 40 {
		q = strconv.Quote(name[:40]) + "…"
	}
	near := Nearest(name, s.Words())
	if _, ok := s.words[strings.ToLower(name)]; ok {
		near = strings.ToLower(name) // USD, People
	}
	if near != "" {
		return fmt.Errorf("%s is not a unit; did you mean %s? %s", q, near, s.Accepted())
	}
	return fmt.Errorf("%s is not a unit; %s", q, s.Accepted())
}

// Accepted says how units are written, for a refusal.
func (s *Units) Accepted() string {
	bases := []string{"people", "usd"}
	if s.Local.ID != "local" {
		bases = append(bases, s.Local.ID)
	}
	for _, c := range s.Counts {
		bases = append(bases, c.ID)
	}
	return fmt.Sprintf("a unit is written like usd/person/month or usd/home, from %s, the plain numbers %s and the time words %s; or one of the names usd_per_month, percent_per_year, local_per_usd, year, months, on_off",
		strings.Join(bases, ", "), strings.Join(plainWords, ", "), strings.Join(timeWords, ", "))
}

// PerMonth reports whether a unit's text is per month ("usd/person/month",
// "usd_per_month"): money a month is shown "$4.00/mo".
func PerMonth(text string) bool {
	t := strings.TrimSpace(text)
	if a, ok := aliases[t]; ok {
		t = a
	}
	for _, part := range strings.Split(t, "/")[1:] {
		if p := strings.TrimSpace(part); p == "month" || p == "months" {
			return true
		}
	}
	return false
}
