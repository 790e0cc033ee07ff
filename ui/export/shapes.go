package export

import (
	"math"
	"unicode/utf8"
)

// Box-drawing, block, braille and a few geometric characters are drawn as
// shapes on the cell's own geometry instead of with a font: Go Mono lacks
// many of them (╭╮╰╯, ━┃, most eighth blocks, braille), and even where a font
// has them its strokes rarely meet the neighbouring cell's. Drawn here, a
// line through a row of cells is one unbroken line.

type segKind uint8

const (
	segMove segKind = iota
	segLine
	segCube
	segClose
)

type point struct{ x, y float32 }

type pathSeg struct {
	kind segKind
	pts  [3]point // segMove/segLine use pts[0]; segCube uses all three
}

// layer is a filled path; alpha below 255 is used by the shade characters.
type layer struct {
	alpha uint8
	segs  []pathSeg
}

// shape is what a character looks like in a cell of cw×ch pixels, with
// (0,0) the cell's top-left corner and y down. Paths are filled with the
// non-zero rule: every outline runs clockwise, holes anticlockwise.
type shape []layer

// pen builds one layer.
type pen struct{ segs []pathSeg }

func (p *pen) move(x, y float32) {
	p.segs = append(p.segs, pathSeg{kind: segMove, pts: [3]point{{x, y}}})
}
func (p *pen) line(x, y float32) {
	p.segs = append(p.segs, pathSeg{kind: segLine, pts: [3]point{{x, y}}})
}
func (p *pen) cube(x1, y1, x2, y2, x, y float32) {
	p.segs = append(p.segs, pathSeg{kind: segCube, pts: [3]point{{x1, y1}, {x2, y2}, {x, y}}})
}
func (p *pen) close() { p.segs = append(p.segs, pathSeg{kind: segClose}) }

// rect adds the rectangle [x0,x1)×[y0,y1), clockwise.
func (p *pen) rect(x0, y0, x1, y1 float32) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	p.move(x0, y0)
	p.line(x1, y0)
	p.line(x1, y1)
	p.line(x0, y1)
	p.close()
}

// poly adds a closed polygon through the points (x0,y0, x1,y1, …), turned
// to run clockwise so that it unites with the other outlines.
func (p *pen) poly(xy ...float32) { p.polygon(xy, false) }

// hole adds a polygon that runs anticlockwise, cutting a hole.
func (p *pen) hole(xy ...float32) { p.polygon(xy, true) }

func (p *pen) polygon(xy []float32, hole bool) {
	n := len(xy) / 2
	if n < 3 {
		return
	}
	at := func(i int) (float32, float32) { return xy[2*i], xy[2*i+1] }
	if (signedArea(xy) < 0) != hole {
		at = func(i int) (float32, float32) { return xy[2*(n-1-i)], xy[2*(n-1-i)+1] }
	}
	p.move(at(0))
	for i := 1; i < n; i++ {
		p.line(at(i))
	}
	p.close()
}

// signedArea is twice the area of the polygon (x0,y0, x1,y1, …); positive
// when it runs clockwise on screen (y down).
func signedArea(xy []float32) float32 {
	var a float32
	n := len(xy) / 2
	for i := range n {
		j := (i + 1) % n
		a += xy[2*i]*xy[2*j+1] - xy[2*j]*xy[2*i+1]
	}
	return a
}

// kappa places the control points of a cubic Bézier that approximates a
// quarter circle.
const kappa = 0.5522847

// circle adds a circle; clockwise unless hole.
func (p *pen) circle(cx, cy, r float32, hole bool) {
	k := r * kappa
	if !hole {
		p.move(cx+r, cy)
		p.cube(cx+r, cy+k, cx+k, cy+r, cx, cy+r)
		p.cube(cx-k, cy+r, cx-r, cy+k, cx-r, cy)
		p.cube(cx-r, cy-k, cx-k, cy-r, cx, cy-r)
		p.cube(cx+k, cy-r, cx+r, cy-k, cx+r, cy)
	} else {
		p.move(cx+r, cy)
		p.cube(cx+r, cy-k, cx+k, cy-r, cx, cy-r)
		p.cube(cx-k, cy-r, cx-r, cy-k, cx-r, cy)
		p.cube(cx-r, cy+k, cx-k, cy+r, cx, cy+r)
		p.cube(cx+k, cy+r, cx+r, cy+k, cx+r, cy)
	}
	p.close()
}

// quarterRing adds a quarter of a ring of centre (cx,cy), radius r and
// thickness t, in the quadrant whose signs are (sx, sy) (each ±1): the arc
// runs from (cx+sx·r, cy) to (cx, cy+sy·r).
func (p *pen) quarterRing(cx, cy, r, t, sx, sy float32) {
	ro, ri := r+t/2, r-t/2
	ko, ki := ro*kappa, ri*kappa
	// Outer arc from the x-axis point to the y-axis point, inner arc back.
	pts := []float32{
		cx + sx*ro, cy,
		cx + sx*ro, cy + sy*ko, cx + sx*ko, cy + sy*ro, cx, cy + sy*ro,
		cx, cy + sy*ri,
		cx + sx*ki, cy + sy*ri, cx + sx*ri, cy + sy*ki, cx + sx*ri, cy,
	}
	// Keep it clockwise whatever the quadrant, so that it unites with the
	// straight strokes instead of cancelling them.
	if signedArea([]float32{pts[0], pts[1], pts[6], pts[7], pts[8], pts[9], pts[14], pts[15]}) > 0 {
		p.move(pts[0], pts[1])
		p.cube(pts[2], pts[3], pts[4], pts[5], pts[6], pts[7])
		p.line(pts[8], pts[9])
		p.cube(pts[10], pts[11], pts[12], pts[13], pts[14], pts[15])
		p.close()
		return
	}
	p.move(pts[14], pts[15])
	p.cube(pts[12], pts[13], pts[10], pts[11], pts[8], pts[9])
	p.line(pts[6], pts[7])
	p.cube(pts[4], pts[5], pts[2], pts[3], pts[0], pts[1])
	p.close()
}

// boxArms gives, for U+2500–U+257F, the weight of the arm going up, right,
// down and left from the centre: ' ' none, 'l' light, 'h' heavy, 'd' double.
// Dashed lines, arcs and diagonals are handled on their own.
var boxArms = [128]string{
	" l l", " h h", "l l ", "h h ", "", "", "", "", "", "", "", "", // 2500–250B
	" ll ", " hl ", " lh ", " hh ", // ┌┍┎┏
	"  ll", "  lh", "  hl", "  hh", // ┐┑┒┓
	"ll  ", "lh  ", "hl  ", "hh  ", // └┕┖┗
	"l  l", "l  h", "h  l", "h  h", // ┘┙┚┛
	"lll ", "lhl ", "hll ", "llh ", "hlh ", "hhl ", "lhh ", "hhh ", // ├┝┞┟┠┡┢┣
	"l ll", "l lh", "h ll", "l hl", "h hl", "h lh", "l hh", "h hh", // ┤┥┦┧┨┩┪┫
	" lll", " llh", " hll", " hlh", " lhl", " lhh", " hhl", " hhh", // ┬┭┮┯┰┱┲┳
	"ll l", "ll h", "lh l", "lh h", "hl l", "hl h", "hh l", "hh h", // ┴┵┶┷┸┹┺┻
	"llll", "lllh", "lhll", "lhlh", "hlll", "llhl", "hlhl", "hllh", // ┼┽┾┿╀╁╂╃
	"hhll", "llhh", "lhhl", "hhlh", "lhhh", "hlhh", "hhhl", "hhhh", // ╄╅╆╇╈╉╊╋
	"", "", "", "", // 254C–254F
	" d d", "d d ", // ═║
	" dl ", " ld ", " dd ", "  ld", "  dl", "  dd", // ╒╓╔╕╖╗
	"ld  ", "dl  ", "dd  ", "l  d", "d  l", "d  d", // ╘╙╚╛╜╝
	"ldl ", "dld ", "ddd ", "l ld", "d dl", "d dd", // ╞╟╠╡╢╣
	" dld", " ldl", " ddd", "ld d", "dl l", "dd d", // ╤╥╦╧╨╩
	"ldld", "dldl", "dddd", // ╪╫╬
	"", "", "", "", "", "", "", // 256D–2573
	"   l", "l   ", " l  ", "  l ", "   h", "h   ", " h  ", "  h ", // ╴╵╶╷╸╹╺╻
	" h l", "l h ", " l h", "h l ", // ╼╽╾╿
}

// dashes gives the dashed lines: count of dashes, heavy, vertical.
var dashes = map[rune]struct {
	n               int
	heavy, vertical bool
}{
	'┄': {3, false, false}, '┅': {3, true, false}, '┆': {3, false, true}, '┇': {3, true, true},
	'┈': {4, false, false}, '┉': {4, true, false}, '┊': {4, false, true}, '┋': {4, true, true},
	'╌': {2, false, false}, '╍': {2, true, false}, '╎': {2, false, true}, '╏': {2, true, true},
}

// cellGeom is the stroke geometry of a cell size.
type cellGeom struct {
	cw, ch float32
	t, T   float32 // light and heavy stroke thickness
	lx, ly float32 // left/top edge of a light stroke
	hx, hy float32 // left/top edge of a heavy stroke
	mx, my float32 // the middle of the cell
}

func newCellGeom(cw, ch int) cellGeom {
	t := max(1, int(math.Round(float64(cw)/8)))
	T := 2 * t
	return cellGeom{
		cw: float32(cw), ch: float32(ch),
		t: float32(t), T: float32(T),
		lx: float32((cw - t) / 2), ly: float32((ch - t) / 2),
		hx: float32((cw - T) / 2), hy: float32((ch - T) / 2),
		mx: float32(cw / 2), my: float32(ch / 2),
	}
}

// stroke returns the extent [a0,a1) across a single stroke of weight w
// ('l' or 'h'); vertical picks the x axis.
func (g *cellGeom) stroke(w byte, vertical bool) (a0, a1 float32) {
	switch {
	case w == 'h' && vertical:
		return g.hx, g.hx + g.T
	case w == 'h':
		return g.hy, g.hy + g.T
	case vertical:
		return g.lx, g.lx + g.t
	}
	return g.ly, g.ly + g.t
}

// shapeFor returns the shape of grapheme s in a cw×ch cell, or false when
// s is drawn with the font.
func shapeFor(s string, cw, ch int) (shape, bool) {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) || !isShapeRune(r) {
		return nil, false
	}
	g := newCellGeom(cw, ch)
	var p pen
	alpha := uint8(255)
	switch {
	case r >= 0x2500 && r <= 0x257f:
		g.box(&p, r)
	case r >= 0x2580 && r <= 0x259f:
		alpha = g.block(&p, r)
	case r >= 0x2800 && r <= 0x28ff:
		g.braille(&p, r)
	default:
		g.geometric(&p, r)
	}
	return shape{{alpha: alpha, segs: p.segs}}, true
}

// isShape reports whether grapheme s is drawn by shapeFor.
func isShape(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && isShapeRune(r)
}

// isShapeRune reports whether r is drawn by shapeFor.
func isShapeRune(r rune) bool {
	switch {
	case r >= 0x2500 && r <= 0x259f, r >= 0x2800 && r <= 0x28ff:
		return true
	}
	switch r {
	case '●', '○', '◆', '◇', '◂', '▸', '◀', '▶', '▲', '▼', '■', '□', '▪', '⏎', '✓', '⚠', '⇧', '₹':
		return true
	}
	return false
}

func (g *cellGeom) box(p *pen, r rune) {
	if d, ok := dashes[r]; ok {
		g.dashed(p, d.n, d.heavy, d.vertical)
		return
	}
	xc, yc := g.lx+g.t/2, g.ly+g.t/2 // centre line of a light stroke
	switch r {
	case '╭', '╮', '╯', '╰':
		sx, sy := float32(1), float32(1) // direction of the arms from the centre
		switch r {
		case '╮':
			sx = -1
		case '╯':
			sx, sy = -1, -1
		case '╰':
			sy = -1
		}
		// The arc is tangent to both arms and nearly as large as the cell
		// allows; its ends fall on whole pixels so that the short straight
		// stubs that carry the arms to the edges are crisp and meet the
		// neighbouring cells' strokes exactly.
		rx := xc
		if sx > 0 {
			rx = g.cw - xc
		}
		ry := yc
		if sy > 0 {
			ry = g.ch - yc
		}
		frac := xc - float32(math.Floor(float64(xc)))
		rad := float32(math.Floor(float64(min(rx, ry)-g.t/2-frac))) + frac
		if rad < g.t {
			rad = min(rx, ry)
		}
		p.quarterRing(xc+sx*rad, yc+sy*rad, rad, g.t, -sx, -sy)
		// Straight remainders of the arms.
		if sy > 0 {
			p.rect(g.lx, yc+rad, g.lx+g.t, g.ch)
		} else {
			p.rect(g.lx, 0, g.lx+g.t, yc-rad)
		}
		if sx > 0 {
			p.rect(xc+rad, g.ly, g.cw, g.ly+g.t)
		} else {
			p.rect(0, g.ly, xc-rad, g.ly+g.t)
		}
		return
	case '╱', '╲', '╳':
		// A stroke of light thickness from corner to corner.
		d := g.t * float32(math.Hypot(float64(g.cw), float64(g.ch))) / g.ch / 2
		if r != '╲' { // lower left to upper right
			p.poly(g.cw-d, 0, g.cw+d, 0, d, g.ch, -d, g.ch)
		}
		if r != '╱' {
			p.poly(-d, 0, d, 0, g.cw+d, g.ch, g.cw-d, g.ch)
		}
		return
	}
	arms := boxArms[r-0x2500]
	if len(arms) != 4 {
		return
	}
	g.arms(p, arms[0], arms[1], arms[2], arms[3])
}

// arms draws the strokes of a box-drawing character from the weights of
// its four arms.
func (g *cellGeom) arms(p *pen, up, right, down, left byte) {
	t := g.t
	// Horizontal arms.
	for _, a := range [2]struct {
		w     byte
		right bool
	}{{left, false}, {right, true}} {
		switch a.w {
		case 'l', 'h':
			y0, y1 := g.stroke(a.w, false)
			x := g.meet(a.right, up, down, a.right && left != ' ' || !a.right && right != ' ', true)
			g.span(a.right, x, g.cw, func(x0, x1 float32) { p.rect(x0, y0, x1, y1) })
		case 'd':
			for _, side := range [2]bool{false, true} { // upper, lower stroke
				near, far := up, down
				y0 := g.ly - t
				if side {
					near, far = down, up
					y0 = g.ly + t
				}
				x := g.doubleMeet(a.right, near, far, a.right && left != ' ' || !a.right && right != ' ', true)
				g.span(a.right, x, g.cw, func(x0, x1 float32) { p.rect(x0, y0, x1, y0+t) })
			}
		}
	}
	// Vertical arms.
	for _, a := range [2]struct {
		w    byte
		down bool
	}{{up, false}, {down, true}} {
		switch a.w {
		case 'l', 'h':
			x0, x1 := g.stroke(a.w, true)
			y := g.meet(a.down, left, right, a.down && up != ' ' || !a.down && down != ' ', false)
			g.span(a.down, y, g.ch, func(y0, y1 float32) { p.rect(x0, y0, x1, y1) })
		case 'd':
			for _, side := range [2]bool{false, true} { // left, right stroke
				near, far := left, right
				x0 := g.lx - t
				if side {
					near, far = right, left
					x0 = g.lx + t
				}
				y := g.doubleMeet(a.down, near, far, a.down && up != ' ' || !a.down && down != ' ', false)
				g.span(a.down, y, g.ch, func(y0, y1 float32) { p.rect(x0, y0, x0+t, y1) })
			}
		}
	}
}

// span calls f with the extent of an arm that meets the centre at m: from m
// to the far edge (length) when forward, else from 0 to m.
func (g *cellGeom) span(forward bool, m, length float32, f func(a0, a1 float32)) {
	if forward {
		f(m, length)
	} else {
		f(0, m)
	}
}

// meet returns where a single (light or heavy) arm stops at the centre.
// forward is true for the right or down arm; a and b are the two
// perpendicular arms; through says the opposite arm exists; horizontal says
// the arm is horizontal (so the perpendicular strokes are vertical).
func (g *cellGeom) meet(forward bool, a, b byte, through, horizontal bool) float32 {
	mid, lo := g.my, g.ly
	if horizontal {
		mid, lo = g.mx, g.lx
	}
	if a == ' ' && b == ' ' {
		return mid
	}
	if a == 'd' || b == 'd' {
		switch {
		case through: // a single line crossing a double one stays whole
			return mid
		case a != ' ' && b != ' ': // a T: stop at the nearer stroke
			if forward {
				return lo + g.t
			}
			return lo
		default: // a corner: reach the far stroke
			if forward {
				return lo - g.t
			}
			return lo + 2*g.t
		}
	}
	// Cross the whole width of the perpendicular strokes.
	edge := float32(math.Inf(1))
	if !forward {
		edge = float32(math.Inf(-1))
	}
	for _, w := range [2]byte{a, b} {
		if w == ' ' {
			continue
		}
		s0, s1 := g.stroke(w, horizontal)
		if forward {
			edge = min(edge, s0)
		} else {
			edge = max(edge, s1)
		}
	}
	return edge
}

// doubleMeet returns where one stroke of a double arm stops at the centre.
// near is the perpendicular arm on the same side as the stroke, far the one
// on the other side; through says the opposite arm exists.
func (g *cellGeom) doubleMeet(forward bool, near, far byte, through, horizontal bool) float32 {
	mid, lo := g.my, g.ly
	if horizontal {
		mid, lo = g.mx, g.lx
	}
	t := g.t
	switch {
	case near != ' ':
		if near == 'd' { // the inner corner
			if forward {
				return lo + t
			}
			return lo
		}
		s0, s1 := g.stroke(near, horizontal)
		if forward {
			return s0
		}
		return s1
	case through:
		return mid
	case far != ' ':
		if far == 'd' { // the outer corner
			if forward {
				return lo - t
			}
			return lo + 2*t
		}
		s0, s1 := g.stroke(far, horizontal)
		if forward {
			return s0
		}
		return s1
	}
	return mid
}

func (g *cellGeom) dashed(p *pen, n int, heavy, vertical bool) {
	w := byte('l')
	if heavy {
		w = 'h'
	}
	a0, a1 := g.stroke(w, vertical)
	length := g.cw
	if vertical {
		length = g.ch
	}
	seg := length / float32(n)
	dash := max(1, float32(math.Round(float64(seg)*0.6)))
	for i := range n {
		s := float32(math.Round(float64(float32(i)*seg + (seg-dash)/2)))
		if vertical {
			p.rect(a0, s, a1, s+dash)
		} else {
			p.rect(s, a0, s+dash, a1)
		}
	}
}

// block draws U+2580–U+259F and returns the layer's alpha (below 255 for
// the shades).
func (g *cellGeom) block(p *pen, r rune) uint8 {
	w, h := g.cw, g.ch
	eighthX := func(k int) float32 { return float32(math.Round(float64(w) * float64(k) / 8)) }
	eighthY := func(k int) float32 { return float32(math.Round(float64(h) * float64(k) / 8)) }
	mx, my := eighthX(4), eighthY(4)
	switch {
	case r == '▀':
		p.rect(0, 0, w, my)
	case r >= '▁' && r <= '█': // lower k eighths
		p.rect(0, h-eighthY(int(r-'▀')), w, h)
	case r >= '▉' && r <= '▏': // left 7/8 … 1/8
		p.rect(0, 0, eighthX(int('▏'-r)+1), h)
	case r == '▐':
		p.rect(mx, 0, w, h)
	case r == '░', r == '▒', r == '▓':
		p.rect(0, 0, w, h)
		return [...]uint8{64, 128, 192}[r-'░']
	case r == '▔':
		p.rect(0, 0, w, eighthY(1))
	case r == '▕':
		p.rect(w-eighthX(1), 0, w, h)
	default: // quadrants ▖▗▘▙▚▛▜▝▞▟
		const ul, ur, ll, lr = 1, 2, 4, 8
		q := [...]int{ll, lr, ul, ul | ll | lr, ul | lr, ul | ur | ll, ul | ur | lr, ur, ur | ll, ur | ll | lr}[r-'▖']
		if q&ul != 0 {
			p.rect(0, 0, mx, my)
		}
		if q&ur != 0 {
			p.rect(mx, 0, w, my)
		}
		if q&ll != 0 {
			p.rect(0, my, mx, h)
		}
		if q&lr != 0 {
			p.rect(mx, my, w, h)
		}
	}
	return 255
}

// braille draws the dots of U+2800–U+28FF on a 2×4 grid.
func (g *cellGeom) braille(p *pen, r rune) {
	bits := int(r - 0x2800)
	// Bit order of the eight dots: column 0 rows 0–2, column 1 rows 0–2,
	// then row 3 of column 0 and 1.
	pos := [8][2]int{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}, {0, 3}, {1, 3}}
	rad := g.cw * 0.15
	for i, d := range pos {
		if bits&(1<<i) == 0 {
			continue
		}
		cx := g.cw * float32(2*d[0]+1) / 4
		cy := g.ch * float32(2*d[1]+1) / 8
		p.circle(cx, cy, rad, false)
	}
}

// geometric draws the few geometric shapes and symbols the UI uses, centred
// on the cell so that a ● sits on a ━ line.
func (g *cellGeom) geometric(p *pen, r rune) {
	w := g.cw
	cx, cy := w/2, g.my
	switch r {
	case '●':
		p.circle(cx, cy, w*0.44, false)
	case '○':
		p.circle(cx, cy, w*0.44, false)
		p.circle(cx, cy, w*0.44-g.t*1.5, true)
	case '◆', '◇':
		d := w * 0.45
		p.poly(cx, cy-d, cx+d, cy, cx, cy+d, cx-d, cy)
		if r == '◇' {
			e := d - g.t*1.5*1.414
			p.hole(cx, cy-e, cx+e, cy, cx, cy+e, cx-e, cy)
		}
	case '▲':
		h := w * 0.75
		p.poly(cx, cy-h/2, cx+w*0.42, cy+h/2, cx-w*0.42, cy+h/2)
	case '▼':
		h := w * 0.75
		p.poly(cx-w*0.42, cy-h/2, cx+w*0.42, cy-h/2, cx, cy+h/2)
	case '▸':
		h := w * 0.3
		p.poly(cx-w*0.22, cy-h, cx+w*0.25, cy, cx-w*0.22, cy+h)
	case '◂':
		h := w * 0.3
		p.poly(cx+w*0.22, cy+h, cx-w*0.25, cy, cx+w*0.22, cy-h)
	case '▶':
		h := w * 0.45
		p.poly(cx-w*0.38, cy-h, cx+w*0.42, cy, cx-w*0.38, cy+h)
	case '◀':
		h := w * 0.45
		p.poly(cx+w*0.38, cy+h, cx-w*0.42, cy, cx+w*0.38, cy-h)
	case '■':
		d := w * 0.38
		p.rect(cx-d, cy-d, cx+d, cy+d)
	case '□':
		d, e := w*0.38, w*0.38-g.t*1.5
		p.rect(cx-d, cy-d, cx+d, cy+d)
		p.hole(cx-e, cy-e, cx+e, cy-e, cx+e, cy+e, cx-e, cy+e)
	case '▪':
		d := w * 0.22
		p.rect(cx-d, cy-d, cx+d, cy+d)
	default:
		g.symbol(p, r)
	}
}

// symbol draws the signs drawn as shapes: a check mark, a warning, shift,
// the rupee sign and return.
func (g *cellGeom) symbol(p *pen, r rune) {
	w := g.cw
	cx, cy := w/2, g.my
	switch r {
	case '✓':
		// A check mark: a short stroke down to the right, a long one up.
		t := g.t * 1.6
		x0, y0 := w*0.12, cy
		x1, y1 := w*0.4, cy+w*0.32
		x2, y2 := w*0.9, cy-w*0.5
		p.poly(x0, y0-t/2, x1, y1-t, x2-t/2, y2-t/2, x2+t/2, y2+t/2, x1, y1+t, x0-t/2, y0+t/2)
	case '⚠':
		// A warning sign: a triangle with an exclamation mark cut out.
		h := w * 0.9
		top, bot := cy-h/2-w*0.05, cy+h/2
		p.poly(cx, top, cx+w*0.48, bot, cx-w*0.48, bot)
		t := g.t * 1.3
		p.hole(cx-t/2, top+h*0.32, cx+t/2, top+h*0.32, cx+t/2, top+h*0.68, cx-t/2, top+h*0.68)
		p.hole(cx-t/2, top+h*0.76, cx+t/2, top+h*0.76, cx+t/2, top+h*0.76+t, cx-t/2, top+h*0.76+t)
	case '⇧':
		// Shift: an outlined up arrow.
		t := g.t * 1.2
		top, mid, bot := cy-w*0.5, cy, cy+w*0.45
		outer := []float32{cx, top, cx + w*0.45, mid, cx + w*0.2, mid, cx + w*0.2, bot, cx - w*0.2, bot, cx - w*0.2, mid, cx - w*0.45, mid}
		p.poly(outer...)
		inner := []float32{cx, top + t*1.8, cx + w*0.45 - t*2, mid - t*0.6, cx + w*0.2 - t, mid - t*0.6, cx + w*0.2 - t, bot - t, cx - w*0.2 + t, bot - t, cx - w*0.2 + t, mid - t*0.6, cx - w*0.45 + t*2, mid - t*0.6}
		p.hole(inner...)
	case '₹':
		// The rupee sign, which Go Mono lacks: two bars across the top, the
		// bowl between them closing into a bar at the middle, and the leg
		// from there down to the right, at the height of the digits.
		t := g.t * 1.3
		top, bot := cy-w*0.62, cy+w*0.62
		x0, x1 := w*0.14, w*0.86
		h := bot - top
		second, mid := top+h*0.26, top+h*0.52
		p.rect(x0, top, x1, top+t)
		p.rect(x0, second, x1, second+t)
		// The bowl: a half ring from the top bar round to the middle bar.
		r := (mid - top) / 2
		p.quarterRing(w*0.48, top+r, r, t, 1, -1)
		p.quarterRing(w*0.48, top+r, r, t, 1, 1)
		p.rect(x0, mid-t, w*0.48, mid)
		// The leg.
		p.poly(w*0.3, mid-t/2, w*0.3+t*1.6, mid-t/2, x1, bot, x1-t*1.6, bot)
	case '⏎':
		// A return arrow: down the right side, then left to an arrowhead.
		t := g.t * 1.5
		x1, y0, y1 := w*0.78, cy-w*0.45, cy+w*0.2
		p.rect(x1-t, y0, x1, y1+t/2)
		p.rect(w*0.3, y1-t/2, x1, y1+t/2)
		p.poly(w*0.08, y1, w*0.36, y1-w*0.25, w*0.36, y1+w*0.25)
	}
}
