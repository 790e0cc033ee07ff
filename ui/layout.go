package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Minimum terminal size; below it the app asks for a bigger window.
const (
	minWidth  = 60
	minHeight = 20
	// wideWidth is where the sliders and the charts go side by side.
	wideWidth = 120
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool { return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h }

// layout is where every part of the dashboard goes for one terminal size.
// It is computed once per resize and used by both View and mouse handling,
// so what is drawn and what is clicked agree.
type layout struct {
	width, height int
	tooSmall      bool
	wide          bool
	compactKPIs   bool // one line of figures instead of cards
	body          rect // between the header and the footer
	sliders       rect
	detail        rect // the selected input explained, when there is room
	kpis          rect
	warn          rect
	chart         rect
	funnel        rect
}

const (
	headerHeight  = 1
	footerHeight  = 2
	kpiHeight     = 6 // a row of cards: border, four lines, border
	compactHeight = 3 // one bordered line of figures
	funnelHeight  = 6
	chartMin      = 10
	detailMin     = 7
)

// computeLayout places the parts for a w×h terminal; sliderRows is how
// many rows the assumptions panel has in all.
func computeLayout(w, h, sliderRows int, present bool) layout {
	l := layout{width: w, height: h}
	if w < minWidth || h < minHeight {
		l.tooSmall = true
		return l
	}
	l.body = rect{0, headerHeight, w, h - headerHeight - footerHeight}
	if present {
		// Two lines of title above, the assumptions and sources below (two
		// lines here; the slide measures its footer and lays out again), and
		// no sliders: the charts take the width.
		return presentLayout(l, h-4)
	}
	b := l.body
	if w >= wideWidth {
		l.wide = true
		left := clamp(w*36/100, 46, 62)
		right := w - left - 1
		sl := min(b.h, sliderRows+2)
		if b.h-sl < detailMin {
			sl = b.h
		} else {
			l.detail = rect{b.x, b.y + sl, left, b.h - sl}
		}
		l.sliders = rect{b.x, b.y, left, sl}
		x := b.x + left + 1
		y := b.y
		kh := kpiHeight
		if b.h < 30 {
			kh, l.compactKPIs = compactHeight, true
		}
		l.kpis = rect{x, y, right, kh}
		y += kh
		l.warn = rect{x, y, right, 1}
		y++
		rest := b.y + b.h - y
		fun := funnelHeight
		if rest-fun < chartMin+4 {
			fun = 0
		}
		l.chart = rect{x, y, right, rest - fun}
		if fun > 0 {
			l.funnel = rect{x, y + rest - fun, right, fun}
		}
		return l
	}
	// Stacked: figures, a warning line, the sliders, then the chart and the
	// funnel if there is room for them.
	y := b.y
	kh := kpiHeight
	if b.h < 40 {
		kh, l.compactKPIs = compactHeight, true
	}
	l.kpis = rect{b.x, y, w, kh}
	y += kh
	l.warn = rect{b.x, y, w, 1}
	y++
	rest := b.y + b.h - y
	sl, chart, fun := rest, 0, 0
	if rest >= 7+chartMin {
		sl = clamp(rest-chartMin, 7, sliderRows+2)
		chart = rest - sl
		if chart >= chartMin+funnelHeight+4 {
			fun = funnelHeight
			chart -= fun
		}
	}
	l.sliders = rect{b.x, y, w, sl}
	y += sl
	if chart > 0 {
		l.chart = rect{b.x, y, w, chart}
		y += chart
	}
	if fun > 0 {
		l.funnel = rect{b.x, y, w, fun}
	}
	return l
}

// presentLayout places the dashboard's figures and charts without sliders
// in a body of h lines under a two-line title.
func presentLayout(l layout, h int) layout {
	l.body = rect{0, 2, l.width, max(1, h)}
	l.sliders, l.detail = rect{}, rect{}
	b := l.body
	y := b.y
	kh := kpiHeight
	if b.h < 30 {
		kh, l.compactKPIs = compactHeight, true
	}
	l.kpis = rect{b.x, y, b.w, kh}
	y += kh
	l.warn = rect{b.x, y, b.w, 1}
	y++
	rest := b.y + b.h - y
	fun := funnelHeight
	if rest-fun < chartMin {
		fun = 0
	}
	l.chart = rect{b.x, y, b.w, rest - fun}
	if fun > 0 {
		l.funnel = rect{b.x, y + rest - fun, b.w, fun}
	}
	return l
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// box draws a rounded panel of exactly w×h cells with its title set in the
// top border. Body lines are cut or padded to fit; nothing wraps.
func (s Styles) box(title, body string, w, h int, focused bool) string {
	return s.boxLines(title, strings.Split(body, "\n"), w, h, focused, false)
}

// boxLines is box for a body already split into lines. With fitted, the
// caller promises every line is exactly w−4 cells wide (or empty), and the
// lines are not measured again.
func (s Styles) boxLines(title string, lines []string, w, h int, focused, fitted bool) string {
	if w < 4 || h < 2 {
		return ""
	}
	border := s.Faint
	if focused {
		border = s.Accent
	}
	inner := w - 4
	var b strings.Builder
	b.Grow(h * (w + 64))
	// ╭─ Title ────╮
	t := ""
	if title != "" {
		t = " " + ansi.Truncate(title, max(0, w-6), "…") + " "
	}
	fill := w - 3 - cellWidth(t)
	b.WriteString(border.Render("╭─"))
	b.WriteString(s.PanelTitle.Render(t))
	b.WriteString(border.Render(strings.Repeat("─", max(0, fill)) + "╮"))
	side := border.Render("│")
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteByte('\n')
		b.WriteString(side)
		b.WriteByte(' ')
		if fitted && line != "" {
			b.WriteString(line)
		} else {
			b.WriteString(fit(line, inner))
		}
		b.WriteByte(' ')
		b.WriteString(side)
	}
	b.WriteByte('\n')
	b.WriteString(border.Render("╰" + strings.Repeat("─", w-2) + "╯"))
	return b.String()
}

// fit cuts or pads a styled line to exactly w cells.
func fit(line string, w int) string {
	lw := cellWidth(line)
	if lw > w {
		return ansi.Truncate(line, w, "…")
	}
	return line + strings.Repeat(" ", w-lw)
}

// fitLines makes a block exactly w×h cells.
func fitLines(block string, w, h int) string {
	lines := strings.Split(block, "\n")
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return strings.Join(out, "\n")
}
