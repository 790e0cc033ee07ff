package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
	"sizeup/ui/export"
)

// Headless rendering for sizeup render: the same frame the app draws at a
// size, without a terminal. Monte Carlo runs to its end first, so a frame
// of the Uncertainty view shows a result, and timings are left out so the
// same inputs give the same bytes.

// RenderRequest is what to draw.
type RenderRequest struct {
	// View is a view of the app (dashboard, uncertainty, sensitivity,
	// compare, sources) or a chart alone (projection, funnel, fan, tornado).
	View          string
	Width, Height int
	Presentation  bool              // draw the view as a slide, as p does
	Compare       []market.Scenario // for compare: two or three scenarios
	Hindsight     bool              // draw what happened on the projection
	Linear        bool              // the projection on a linear scale
}

// RenderViews lists the names RenderRequest.View takes: the views' (from
// the views table), then the charts drawn alone.
var RenderViews = renderNames()

// RenderFrame draws a frame headless. deck is the frame's chart as deck
// data where it has one.
func RenderFrame(o Options, req RenderRequest) (frame string, deck *export.Chart, err error) {
	frame, _, deck, err = RenderShot(o, req)
	return frame, deck, err
}

// RenderShot is RenderFrame with where the frame's charts are, for a PNG
// or SVG to draw their lines from the data (export.Grid.Plots).
func RenderShot(o Options, req RenderRequest) (frame string, plots []export.Plot, deck *export.Chart, err error) {
	if req.Width < minWidth || req.Height < minHeight {
		return "", nil, nil, fmt.Errorf("a frame must be at least %d×%d; %d×%d was asked", minWidth, minHeight, req.Width, req.Height)
	}
	if req.Width > 1000 || req.Height > 500 {
		return "", nil, nil, fmt.Errorf("a frame can be at most 1000×500; %d×%d was asked", req.Width, req.Height)
	}
	o.Store, o.Clipboard = nil, nil
	m := New(o)
	m.s.headless = true
	m.dash.hindsight, m.dash.logChart = req.Hindsight, !req.Linear

	v, chart, ok := renderTarget(req.View)
	if !ok {
		return "", nil, nil, fmt.Errorf("%q is not a view; the views are %s", req.View, strings.Join(RenderViews, ", "))
	}
	m.view = v
	if req.View == "compare" || len(req.Compare) > 0 {
		if err := m.scen.markForCompare(req.Compare); err != nil {
			return "", nil, nil, err
		}
	}
	if views[m.view].mc {
		if m.s.mc == nil {
			return "", nil, nil, fmt.Errorf("the %s view needs Monte Carlo, and no samples were asked for; give 1 or more samples", req.View)
		}
		if err := m.s.runNow(); err != nil {
			return "", nil, nil, err
		}
	}
	if req.Presentation {
		m.mode = modePresent
	}
	next, _ := m.Update(tea.WindowSizeMsg{Width: req.Width, Height: req.Height})
	m = next.(Model)
	if chart != "" {
		var ok bool
		frame, plots, ok = m.chartAloneShot(chart, req.Width, req.Height)
		if !ok {
			return "", nil, nil, fmt.Errorf("the %s chart has nothing to show", chart)
		}
		frame = m.s.styles.frame(frame)
	} else {
		frame, plots = m.View(), m.framePlots()
		chart = views[m.view].chart
	}
	if d, ok := m.deckChart(chart); ok {
		deck = &d
	}
	return frame, plots, deck, nil
}

// renderTarget is the view a render name draws, and the chart when it
// names a chart drawn alone; "" is the dashboard.
func renderTarget(name string) (view, Chart, bool) {
	if name == "" {
		return viewDashboard, "", true
	}
	for _, e := range views {
		if e.render == name {
			return e.id, "", true
		}
	}
	for _, cv := range chartViews {
		if cv.alone && string(cv.chart) == name {
			return cv.view, cv.chart, true
		}
	}
	return 0, "", false
}

// markForCompare ticks the scenarios to compare: presets by name, others
// added to the list as if saved.
func (v *scenarios) markForCompare(scs []market.Scenario) error {
	if len(scs) > 3 {
		return fmt.Errorf("three scenarios are compared at most; %d were given", len(scs))
	}
	for i := range scs {
		sc := scs[i]
		if p, ok := v.s.market.Preset(sc.Name); ok && p.Name == sc.Name {
			v.marked["preset:"+p.Name] = true
			continue
		}
		v.saved = append(v.saved, ScenarioEntry{Name: sc.Name, Scenario: &sc})
		v.marked["saved:"+sc.Name] = true
	}
	return nil
}
