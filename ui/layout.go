package ui

// Every view's layout, in one place. The root measures its chrome (the
// header line, the footer's status and help lines) and hands each view the
// body that is left; each view asks here where its parts go within that
// body. Rectangles are in the body's own coordinates, so a view draws and
// hit-tests against the same numbers.

// Minimum terminal size; below it the app asks for a bigger window.
const (
	minWidth  = 60
	minHeight = 20
	// wideWidth is where views put their panels side by side.
	wideWidth = 120
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }

const (
	headerHeight  = 1
	kpiHeight     = 6 // a row of cards: border, four lines, border
	compactHeight = 3 // one bordered line of figures
	funnelHeight  = 6
	chartMin      = 10
	detailMin     = 7
	// detailWant is the rows the selected input's panel is given before
	// the funnel may move under it: value, default, range, interval,
	// source and a note of a few lines.
	detailWant = 11
	slideTitle = 2 // a slide's title and subtitle
)

// frameLayout is the body left between the header and a footer of footH
// lines in a w×h terminal; ok is false below the minimum size.
func frameLayout(w, h, footH int) (body rect, ok bool) {
	if w < minWidth || h < minHeight {
		return rect{}, false
	}
	return rect{0, headerHeight, w, max(1, h-headerHeight-footH)}, true
}

// dashLayout is where the dashboard's parts go.
type dashLayout struct {
	w, h        int
	wide        bool
	compactKPIs bool // one line of figures instead of cards
	sliders     rect
	detail      rect // the selected input explained, when there is room
	kpis        rect
	warn        rect
	chart       rect
	funnel      rect // the panel under the chart: the funnel, or the judgement
	side        rect // the funnel under the input's panel, when it is there
}

// dashboardLayout places the dashboard in a w×h body. sliderRows is how
// many rows the assumptions panel has in all, warnLines how many lines the
// triangulation and sanity notes need, funnelH how tall the funnel wants
// to be and judgeH the hindsight judgement (0 while it is off; under the
// chart it takes the funnel's place); a slide (present) has no sliders.
func dashboardLayout(w, h, sliderRows, warnLines, funnelH, judgeH int, present bool) dashLayout {
	l := dashLayout{w: w, h: h}
	warnLines = clamp(warnLines, 1, maxNotes)
	lowerH := funnelH
	if judgeH > 0 {
		lowerH = judgeH
	}
	if present {
		l.column(0, w, h, warnLines, lowerH, 0)
		return l
	}
	if w >= wideWidth {
		l.wide = true
		left := clamp(w*36/100, 46, 62)
		sl := min(h, sliderRows+2)
		if h-sl < detailMin {
			sl = h
		} else {
			l.detail = rect{0, sl, left, h - sl}
		}
		l.sliders = rect{0, 0, left, sl}
		// Where the left column has room under the input's panel, the
		// funnel goes there and its rows go to the chart (or to the
		// judgement, which needs the chart's width). The split depends on
		// the size only, never on the selected input, so nothing moves as
		// the selection does.
		if l.detail.h >= detailWant+funnelH {
			l.detail.h -= funnelH
			l.side = rect{0, l.detail.y + l.detail.h, left, funnelH}
			if judgeH == 0 {
				lowerH = 0
			}
		}
		l.column(left+1, w-left-1, h, warnLines, lowerH, 4)
		return l
	}
	// Stacked: figures, the notes, the sliders, then the chart and the
	// funnel if there is room for them.
	y := 0
	kh := kpiHeight
	if h < 40 {
		kh, l.compactKPIs = compactHeight, true
	}
	l.kpis = rect{0, y, w, kh}
	y += kh
	l.warn = rect{0, y, w, warnLines}
	y += warnLines
	rest := h - y
	sl, chart, fun := rest, 0, 0
	if rest >= 7+chartMin {
		sl = clamp(rest-chartMin, 7, sliderRows+2)
		chart = rest - sl
		if chart >= chartMin+lowerH+4 {
			fun = lowerH
			chart -= fun
		}
	}
	l.sliders = rect{0, y, w, sl}
	y += sl
	if chart > 0 {
		l.chart = rect{0, y, w, chart}
		y += chart
	}
	if fun > 0 {
		l.funnel = rect{0, y, w, fun}
	}
	return l
}

// column puts the figures, the notes, the chart and the panel under it in
// a column w wide at x, h tall; the lower panel goes when the chart would
// have fewer than chartMin+slack rows.
func (l *dashLayout) column(x, w, h, warnLines, lowerH, slack int) {
	y := 0
	kh := kpiHeight
	if h < 30 {
		kh, l.compactKPIs = compactHeight, true
	}
	l.kpis = rect{x, y, w, kh}
	y += kh
	l.warn = rect{x, y, w, warnLines}
	y += warnLines
	rest := h - y
	if rest-lowerH < chartMin+slack {
		lowerH = 0
	}
	l.chart = rect{x, y, w, max(0, rest-lowerH)}
	if lowerH > 0 {
		l.funnel = rect{x, y + rest - lowerH, w, lowerH}
	}
}

// uncLayout is where the Uncertainty view's panels go.
type uncLayout struct {
	fan, figures, hist, spread rect
	compactFigures             bool
}

func uncertaintyLayout(w, h int) uncLayout {
	var l uncLayout
	if w >= wideWidth {
		left := w * 58 / 100
		right := w - left - 1
		top := min(h, max(12, h*55/100))
		l.fan = rect{0, 0, left, top}
		l.figures = rect{left + 1, 0, right, top}
		l.hist = rect{0, top, left, h - top}
		l.spread = rect{left + 1, top, right, h - top}
		l.compactFigures = top-2 < figureLines
		return l
	}
	figH := 9
	rest := h - figH
	fanH, histH, spreadH := rest, 0, 0
	if rest >= 24 {
		fanH = max(10, rest*45/100)
		histH = min(12, (rest-fanH)/2)
		spreadH = rest - fanH - histH
	}
	y := 0
	l.figures = rect{0, y, w, figH}
	l.compactFigures = true
	y += figH
	l.fan = rect{0, y, w, fanH}
	y += fanH
	if histH >= 5 {
		l.hist = rect{0, y, w, histH}
		y += histH
	} else {
		spreadH += histH
	}
	if spreadH >= 6 {
		l.spread = rect{0, y, w, spreadH}
	}
	return l
}

// scenLayout is where the Scenarios view's list and comparison go.
type scenLayout struct{ list, compare rect }

func scenariosLayout(w, h, items int) scenLayout {
	if w >= wideWidth {
		left := clamp(w*30/100, 36, 52)
		return scenLayout{list: rect{0, 0, left, h}, compare: rect{left + 1, 0, w - left - 1, h}}
	}
	listH := min(items+9, max(10, h*45/100))
	return scenLayout{list: rect{0, 0, w, listH}, compare: rect{0, listH, w, h - listH}}
}

// overlayWidth is how wide a form drawn over a view may be.
func overlayWidth(w int) int { return min(w-4, 84) }
