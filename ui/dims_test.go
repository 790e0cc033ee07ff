package ui

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"sizeup/data/markets"
	"sizeup/market"
)

// Issue 17: an input with dims is one row that opens to its items; a
// chart of one series' items stacks; Sources lists the tables.

const segmentedFile = "../data/markets/testdata/segmented.toml"

// segmentedMarket is the small segmented test market (3 regions, a
// table, a path input), or its text changed by edit.
func segmentedMarket(t testing.TB, edit func(string) string) *market.Market {
	t.Helper()
	path := segmentedFile
	if edit != nil {
		text, err := os.ReadFile(segmentedFile)
		if err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(t.TempDir(), "segmented.toml")
		if err := os.WriteFile(path, []byte(edit(string(text))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk, err := markets.LoadMarket(path)
	if err != nil {
		t.Fatal(err)
	}
	return mk
}

func segmentedModel(t testing.TB, mk *market.Market, w, h int, samples int) Model {
	t.Helper()
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: samples, Seed: 7})
	m = send(m, tea.WindowSizeMsg{Width: w, Height: h})
	return settle(t, m)
}

// itemsChart is the segmented market with revenue per region, the chart's
// lines.
func itemsChart(text string) string {
	return strings.Replace(strings.Replace(text, "[outputs]", `[[series]]
id = "rev"
label = "Revenue by region"
unit = "usd"
formula = "units * price"

[outputs]`, 1), `chart = ["revenue_usd"]`, `chart = ["rev"]`, 1)
}

func inputID(t testing.TB, mk *market.Market, name string) market.ID {
	t.Helper()
	id, ok := mk.LookupInput(name)
	if !ok {
		t.Fatalf("no input %s", name)
	}
	return id
}

// screenText is the frame without styles.
func screenText(m Model) string { return ansi.Strip(m.View()) }

// shows reports whether text matches a pattern in which U stands for
// the unit a count may be shown with (" homes", once the market says
// households are homes; nothing while they are people).
func shows(text, pattern string) bool {
	return regexp.MustCompile(strings.ReplaceAll(pattern, "U", `(?: [a-z]+)?`)).MatchString(text)
}

func TestGoldenSegmented(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		for _, open := range []bool{false, true} {
			name := fmt.Sprintf("%dx%d-closed", sz[0], sz[1])
			if open {
				name = fmt.Sprintf("%dx%d-open", sz[0], sz[1])
			}
			t.Run(name, func(t *testing.T) {
				m := segmentedModel(t, segmentedMarket(t, nil), sz[0], sz[1], 0)
				if open {
					m = send(m, keys("enter", "down", "right")...) // open, and North up a step
				}
				checkFrame(t, m.View(), sz[0], sz[1])
				golden.RequireEqual(t, []byte(m.View()))
			})
		}
	}
}

func TestFamilyRowShowsTheTotalAndOpens(t *testing.T) {
	mk := segmentedMarket(t, nil)
	m := segmentedModel(t, mk, 120, 40, 0)
	r := m.dash.rows[m.dash.selected]
	if !r.isFamily() || r.family != "households" {
		t.Fatalf("starts on %+v, want the households row", r)
	}
	if shows(screenText(m), `│ {5}North +4\.10MU +[━◆]`) {
		t.Errorf("closed, the panel shows items:\n%s", screenText(m))
	}
	// 4.1M + 3.2M + 2.0M, a count of people: the total (its panel says so).
	if !shows(screenText(m), `\+ Households +9\.30MU  3 regions`) || !strings.Contains(screenText(m), "total of 3 regions") {
		t.Errorf("no closed row with the total:\n%s", screenText(m))
	}
	m = send(m, keys("enter")...)
	if m.mode != modeView {
		t.Fatalf("⏎ on a family row opened mode %v, want it to open the row", m.mode)
	}
	for _, item := range []string{"North", "South", "West"} {
		if !shows(screenText(m), `│ {5}`+item+` +[0-9.]+MU +[━◆]`) {
			t.Errorf("open, no slider for %s:\n%s", item, screenText(m))
		}
	}
	if !strings.Contains(screenText(m), "− Households") {
		t.Error("an open row does not say so (−)")
	}
	// ← closes it; → opens it again; esc on an item closes it and
	// selects the family's row.
	m = send(m, keys("left")...)
	if m.dash.open["households"] || len(m.dash.rows) != len(buildRows(mk, nil)) {
		t.Fatal("← did not close the row")
	}
	m = send(m, keys("right", "down")...)
	if r := m.dash.rows[m.dash.selected]; !r.item || m.dash.selectedID() != inputID(t, mk, "households.north") {
		t.Fatalf("↓ after → selects %+v, want the first item", r)
	}
	m = send(m, keys("esc")...)
	if r := m.dash.rows[m.dash.selected]; !r.isFamily() || m.dash.open["households"] {
		t.Fatalf("esc on an item: row %+v, open %v", r, m.dash.open)
	}
}

func TestItemIsAnOrdinaryInput(t *testing.T) {
	mk := segmentedMarket(t, nil)
	north := inputID(t, mk, "households.north")
	m := segmentedModel(t, mk, 80, 24, 0)
	m = send(m, keys("enter", "down", "right")...)
	if got, want := m.s.values[north], 4.2e6; got != want {
		t.Fatalf("→ on North: %v, want %v (one step of 1e5)", got, want)
	}
	if !shows(screenText(m), `− Households +9\.40MU  total of 3 regions`) {
		t.Errorf("the total did not follow the item:\n%s", screenText(m))
	}
	// ⏎ on an item types its value.
	m = send(m, keys("enter")...)
	if m.mode != modePrompt {
		t.Fatalf("⏎ on an item: mode %v, want typing", m.mode)
	}
	m = send(m, keys("esc")...)
	m = send(m, keys("u")...)
	if m.s.values[north] != 4.1e6 || !strings.Contains(screenText(m), "9.30M") {
		t.Errorf("undo left North at %v", m.s.values[north])
	}
	// g on an item seeks that item.
	m = send(m, keys("g")...)
	if m.mode != modeSeek || m.seek.input != north {
		t.Errorf("g on North: mode %v, input %d", m.mode, m.seek.input)
	}
}

func TestFamilyRowResetsPinsAndNarrowsEveryItem(t *testing.T) {
	mk := segmentedMarket(t, nil)
	items := mk.Family("households")
	m := segmentedModel(t, mk, 120, 40, 2000)
	m = send(m, keys("enter", "down", "right", "down", "right", "up", "up")...)
	if !m.dash.rows[m.dash.selected].isFamily() {
		t.Fatal("not back on the family's row")
	}
	m = send(m, keys("r")...)
	for _, id := range items {
		if m.s.values[id] != mk.Input(id).Default {
			t.Errorf("r on the family row left %s at %v", mk.Input(id).Name, m.s.values[id])
		}
	}
	m = send(m, keys("u")...)
	if m.s.values[items[0]] == mk.Input(items[0]).Default || m.s.values[items[1]] == mk.Input(items[1]).Default {
		t.Error("one undo did not bring both items back")
	}
	m = send(m, keys("=")...)
	for _, id := range items {
		if !m.s.unc.Pinned[id] {
			t.Errorf("= on the family row left %s unpinned", mk.Input(id).Name)
		}
	}
	m = send(m, keys("=", "[")...)
	for _, id := range items {
		if m.s.unc.Pinned[id] || m.s.unc.WidthOf(id) >= 1 {
			t.Errorf("= then [ : %s pinned %v, width %v", mk.Input(id).Name, m.s.unc.Pinned[id], m.s.unc.WidthOf(id))
		}
	}
	if price := inputID(t, mk, "price"); m.s.unc.WidthOf(price) != 1 {
		t.Error("[ on the family row narrowed price too")
	}
}

func TestTornadoAndSpreadTakeAFamilyAsOne(t *testing.T) {
	mk := segmentedMarket(t, nil)
	m := segmentedModel(t, mk, 160, 48, 0)
	s := m.s
	tor := familyTornado(s, mk.Tornado(&s.values, mk.Outputs.Headline, mk.LastYear()))
	first := mk.Family("households")[0]
	n := 0
	for _, b := range tor.Bars {
		if mk.Input(b.Input).Family != "" {
			n++
			if b.Input != first {
				t.Errorf("a family's bar stands for %s, want its first item", mk.Input(b.Input).Name)
			}
			// 3.9M + 3.0M + 1.8M and 3 × 4.5M.
			if math.Abs(b.LowValue-8.7e6) > 1 || math.Abs(b.HighValue-13.5e6) > 1 {
				t.Errorf("households from %v to %v, want 8.7M to 13.5M", b.LowValue, b.HighValue)
			}
		}
	}
	if n != 1 || len(tor.Bars)+len(tor.NoEffect) != 4 {
		t.Errorf("%d family bars, %d bars in all; want 1 of 4 (households, rate, built, price)", n, len(tor.Bars)+len(tor.NoEffect))
	}
	for i := 1; i < len(tor.Bars); i++ {
		if tor.Bars[i].Swing() > tor.Bars[i-1].Swing() {
			t.Error("bars not sorted by swing")
		}
	}
	spread := familySpread(mk, []market.SpreadShare{{Input: first, Share: 0.1}, {Input: inputID(t, mk, "price"), Share: 0.5}, {Input: first + 1, Share: 0.2}, {Input: first + 2, Share: 0.25}})
	if len(spread) != 2 || spread[0].Input != first || math.Abs(spread[0].Share-0.55) > 1e-12 {
		t.Errorf("spread grouped as %+v, want households 0.55 first", spread)
	}
	m = send(m, keys("3")...)
	if v := screenText(m); !strings.Contains(v, "Households ") || strings.Contains(v, "Households · ") {
		t.Errorf("the tornado names items, not the input:\n%s", v)
	}
}

func TestItemsChartStacks(t *testing.T) {
	mk := segmentedMarket(t, itemsChart)
	m := segmentedModel(t, mk, 160, 48, 0)
	v := screenText(m)
	if !strings.Contains(v, "Revenue by region 2024–2030") || !strings.Contains(v, "╌╌ North  ━━ South  ── West") {
		t.Fatalf("the chart of items has no item legend:\n%s", v)
	}
	if !m.s.keys.Stacked.Enabled() {
		t.Fatal("S is off on a chart of items")
	}
	lines := m.s.chartLines(false)
	stacked := m.s.chartLines(true)
	last := len(lines[0].values) - 1
	sum := lines[0].values[last] + lines[1].values[last] + lines[2].values[last]
	if stacked[0].label != "+ West" || math.Abs(stacked[0].values[last]-sum) > 1e-6*sum || stacked[2].values[last] != lines[0].values[last] {
		t.Errorf("stacked: %q %v, want + West at the sum %v, North alone at the bottom", stacked[0].label, stacked[0].values[last], sum)
	}
	m = send(m, keys("S")...)
	if !m.dash.stacked || !strings.Contains(screenText(m), "· stacked") {
		t.Error("S did not stack the chart")
	}
	// A chart that is not one series' items has nothing to stack.
	plain := segmentedModel(t, segmentedMarket(t, nil), 160, 48, 0)
	if plain.s.keys.Stacked.Enabled() {
		t.Error("S is on for a chart without items")
	}
}

func TestSourcesListTheTables(t *testing.T) {
	m := segmentedModel(t, segmentedMarket(t, nil), 120, 40, 0)
	text := ansi.Strip(m.src.text(116))
	for _, want := range []string{
		"TABLES BY YEAR",
		`New homes built  new_homes · [a-z ]+ · linear`,
		`source  Census, New Residential Construction`,
		`figures North  2023 0\.50MU ?· 2030 0\.55M`,
		` {8}West   2023 0\.35MU ?· 2030 0\.40M`,
		`scales  New homes built \(new_homes, under tables\)`,
		// An input and a series with dims: once, then a line per item.
		`Households  households · one per region`,
		`  North  4,100,000U   range 3\.90MU to 4\.50M`,
		`Units sold  units · one per region, total  0\.63MU in 2030`,
		`  West   0\.14MU in 2030  units\.west`,
	} {
		if !shows(text, want) {
			t.Errorf("Sources lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "households * replace_rate"); n != 1 {
		t.Errorf("the formula of units is written %d times, want once", n)
	}
}

func TestHelpNamesTheDimsKeysOnlyWithDims(t *testing.T) {
	seg := segmentedModel(t, segmentedMarket(t, nil), 160, 48, 0)
	seg = send(seg, keys("?")...)
	if !strings.Contains(screenText(seg), "ON AN INPUT WITH DIMS") {
		t.Errorf("the segmented market's help has no keys for an input with dims:\n%s", screenText(seg))
	}
	china := newTestModel(t, 160, 48)
	china = send(china, keys("?")...)
	if strings.Contains(screenText(china), "WITH DIMS") || strings.Contains(screenText(china), "stacked") {
		t.Error("China's help names keys it has no use for")
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{"region": "regions", "country": "countries", "day": "days", "class": "classes", "channel": "channels", "": "items"} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestManyItemsChartTheLargestAndTheRest(t *testing.T) {
	var ser []series
	for i := range 6 {
		ser = append(ser, series{label: fmt.Sprint("item ", i), values: []float64{1, float64(i)}})
	}
	got := largestItems(ser, 3)
	if len(got) != 4 || got[0].label != "item 5" || got[2].label != "item 3" {
		t.Fatalf("kept %+v, want items 5, 4, 3 and the rest", got)
	}
	// The rest: items 0, 1 and 2, in each year.
	if r := got[3]; r.label != "other 3" || r.values[0] != 3 || r.values[1] != 0+1+2 {
		t.Errorf("the rest is %+v, want other 3 at 3 and 3", r)
	}
}

func TestSlideFooterTakesAFamilyAsOne(t *testing.T) {
	m := segmentedModel(t, segmentedMarket(t, nil), 120, 40, 0)
	m = send(m, keys("enter", "down", "right")...)
	if got := assumptions(m.s); !shows(got, `Households 9\.40MU●`) || strings.Contains(got, "North") {
		t.Errorf("footer says %q, want households once, at its total, moved", got)
	}
	got := sourcesLine(m.s, viewDashboard, false)
	if !strings.HasPrefix(got, "Sources: Census, New Residential Construction; 4 inputs are assumptions") {
		t.Errorf("footer says %q, want the table's source and 4 assumptions (households once)", got)
	}
}

func TestClickOnAFamilyRowOpensIt(t *testing.T) {
	mk := segmentedMarket(t, nil)
	m := segmentedModel(t, mk, 120, 40, 0)
	sl := m.dash.l.sliders
	sl.y += m.body.y // the panel in terminal rows
	g := geometryFor(sl.w - 4)
	y := sl.y + 1 + m.dash.selected - m.dash.offset
	press := tea.MouseMsg{X: sl.x + 2 + g.barX() + 1, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}
	m = send(m, press)
	if !m.dash.open["households"] {
		t.Fatal("a click where the family row's bar would be did not open it")
	}
	// A drag from there moves nothing: the row is no slider.
	m = send(m, tea.MouseMsg{X: press.X + 10, Y: y, Action: tea.MouseActionMotion, Button: tea.MouseButtonLeft})
	if m.s.moved() {
		t.Error("a drag on the family row moved an input")
	}
	m = send(m, tea.MouseMsg{X: press.X + 10, Y: y, Action: tea.MouseActionRelease, Button: tea.MouseButtonLeft}, press)
	if m.dash.open["households"] {
		t.Error("a second click did not close it")
	}
}

// TestSwitchFamilyCounted: a family of switches is counted on its row,
// not averaged ("on" at a mean of 0.67 said nothing of the two off).
func TestSwitchFamilyCounted(t *testing.T) {
	var v market.Values
	ids := []market.ID{0, 1, 2}
	v[0], v[1], v[2] = 1, 1, 1
	if text, words := switchesText(&v, ids, "3 regions"); text != "on" || words[0] != "in all 3 regions" {
		t.Errorf("all on: %q %q", text, words)
	}
	v[1] = 0
	if text, words := switchesText(&v, ids, "3 regions"); text != "2 on" || words[0] != "of 3 regions" {
		t.Errorf("two on: %q %q", text, words)
	}
	v[0], v[2] = 0, 0
	if text, _ := switchesText(&v, ids, "3 regions"); text != "off" {
		t.Errorf("all off: %q", text)
	}
}
