package export

import (
	"errors"
	"image"
	"image/color"
	"image/draw"
	"io"

	"golang.org/x/image/vector"
)

// DefaultScale is the PNG scale when Options.Scale is 0: 2× for sharp
// slides.
const DefaultScale = 2

// maxPixels bounds the image a frame can ask for: 64 million pixels, e.g.
// a 500×250-cell frame at 2× (64 MB of palette indexes, or 256 MB of RGBA
// if the frame has more than 256 colours).
const maxPixels = 64 << 20

// Options are the choices shared by the SVG and PNG writers.
type Options struct {
	// Theme gives the default colours and the 16 ANSI colours; the zero
	// Theme means Dark().
	Theme Theme
	// Scale multiplies the cell size in the PNG (CellWidth×CellHeight at
	// 1); 0 means DefaultScale. The SVG is always at scale 1 (it is a
	// vector image).
	Scale int
}

func (o Options) theme() Theme {
	if o.Theme == (Theme{}) {
		return Dark()
	}
	return o.Theme
}

func (o Options) scale() int {
	if o.Scale <= 0 {
		return DefaultScale
	}
	return o.Scale
}

// Image draws the grid: every cell is CellWidth×CellHeight×Scale pixels,
// with its background, then its glyph in the foreground colour.
// Box-drawing, block, braille and a few geometric characters are drawn as
// shapes so that they join across cells; other glyphs come from Go Mono
// (regular, bold, italic, bold italic), clipped to their cell, or are a
// hollow box when Go Mono lacks them.
func Image(g *Grid, opt Options) (*image.RGBA, error) {
	r, th, err := prepare(g, opt)
	if err != nil {
		return nil, err
	}
	g, plots := placePlots(g)
	p := &rgbaPainter{img: image.NewRGBA(image.Rect(0, 0, g.W*r.m.cw, g.H*r.m.ch)), paint: uniforms{}}
	paintGrid(g, &th, r, p)
	paintPlots(plots, g, &th, r.m.cw, r.m.ch, p)
	return p.img, nil
}

// WritePNG writes the grid as a PNG image, drawn as [Image] draws it. The
// bytes depend only on the grid and the options.
//
// A terminal picture has few colours: each cell is its background, its
// foreground or one of 15 blends of the two at glyph edges. So the grid is
// drawn straight into palette indexes and written as an indexed PNG, a
// third of the data of RGB; a frame with more than 256 colours (a
// truecolor gradient, say) is drawn in RGB instead.
func WritePNG(w io.Writer, g *Grid, opt Options) error {
	r, th, err := prepare(g, opt)
	if err != nil {
		return err
	}
	g, plots := placePlots(g)
	width, height := g.W*r.m.cw, g.H*r.m.ch
	ip := newIndexedPainter(width, height)
	if paintGrid(g, &th, r, ip) && paintPlots(plots, g, &th, r.m.cw, r.m.ch, ip) {
		return encodeIndexed(w, width, height, ip.plte, ip.pix)
	}
	rp := &rgbaPainter{img: image.NewRGBA(image.Rect(0, 0, width, height)), paint: uniforms{}}
	paintGrid(g, &th, r, rp)
	paintPlots(plots, g, &th, r.m.cw, r.m.ch, rp)
	return pngEncoder.Encode(w, rp.img)
}

// prepare checks the grid's size and readies the glyph rasterizer.
func prepare(g *Grid, opt Options) (*rasterizer, Theme, error) {
	th := opt.theme()
	r, err := newRasterizer(opt.scale())
	if err != nil {
		return nil, th, err
	}
	if g.W <= 0 || g.H <= 0 {
		return nil, th, errors.New("export: empty frame")
	}
	if g.W*r.m.cw > maxPixels/(g.H*r.m.ch) {
		return nil, th, errors.New("export: frame too large for an image")
	}
	return r, th, nil
}

// painter is where paintGrid draws: an RGBA image or palette indexes.
type painter interface {
	// fill paints rect in colour c.
	fill(rect image.Rectangle, c color.RGBA) bool
	// glyph paints fg over bg through the coverage mask m, whose origin
	// is at rect.Min; bg is already there.
	glyph(rect image.Rectangle, m *image.Alpha, fg, bg color.RGBA) bool
}

// paintGrid draws every cell; it stops and returns false when the painter
// cannot take a colour (the palette is full).
func paintGrid(g *Grid, th *Theme, r *rasterizer, p painter) bool {
	cw, ch := r.m.cw, r.m.ch
	if !p.fill(image.Rect(0, 0, g.W*cw, g.H*ch), th.BG) {
		return false
	}
	t := r.m.thickness
	for y := range g.H {
		for x := 0; x < g.W; x++ {
			c := g.Cells[y*g.W+x]
			if c.IsContinuation() {
				continue
			}
			w := max(1, min(c.Width, g.W-x))
			fg, bg := th.colors(c.Style)
			cell := image.Rect(x*cw, y*ch, (x+w)*cw, (y+1)*ch)
			if bg != th.BG && !p.fill(cell, bg) {
				return false
			}
			if c.Style.Attrs&Hidden != 0 {
				continue
			}
			if m := r.mask(c.Grapheme, faceStyleOf(c.Style.Attrs), w); m != nil && !p.glyph(cell, m, fg, bg) {
				return false
			}
			if c.Style.Attrs&Underline != 0 {
				line := image.Rect(cell.Min.X, cell.Min.Y+r.m.underline, cell.Max.X, cell.Min.Y+r.m.underline+t)
				if !p.fill(line, fg) {
					return false
				}
			}
			if c.Style.Attrs&Strikethrough != 0 {
				line := image.Rect(cell.Min.X, cell.Min.Y+r.m.strike, cell.Max.X, cell.Min.Y+r.m.strike+t)
				if !p.fill(line, fg) {
					return false
				}
			}
		}
	}
	return true
}

// rgbaPainter draws into an RGBA image.
type rgbaPainter struct {
	img   *image.RGBA
	paint uniforms
}

func (p *rgbaPainter) fill(rect image.Rectangle, c color.RGBA) bool {
	draw.Draw(p.img, rect, p.paint.of(c), image.Point{}, draw.Src)
	return true
}

func (p *rgbaPainter) glyph(rect image.Rectangle, m *image.Alpha, fg, _ color.RGBA) bool {
	draw.DrawMask(p.img, rect, p.paint.of(fg), image.Point{}, m, image.Point{}, draw.Over)
	return true
}

// indexedPainter draws palette indexes, adding colours to the palette as
// they are first used (so the palette's order, and the bytes, depend only
// on the grid).
type indexedPainter struct {
	w, h  int
	pix   []byte
	plte  []byte // RGB triples
	index map[color.RGBA]uint8
	ramps map[[2]color.RGBA]*ramp
}

// ramp holds the palette index of each coverage level of fg over bg, or -1
// until it is first used.
type ramp [coverageLevels + 1]int16

// levelOf maps a quantized coverage byte back to its level.
var levelOf = func() (t [256]uint8) {
	for a := range t {
		t[a] = uint8((a*coverageLevels + 127) / 255)
	}
	return t
}()

func newIndexedPainter(w, h int) *indexedPainter {
	return &indexedPainter{
		w: w, h: h,
		pix:   make([]byte, w*h),
		index: make(map[color.RGBA]uint8),
		ramps: make(map[[2]color.RGBA]*ramp),
	}
}

func (p *indexedPainter) colorIndex(c color.RGBA) (uint8, bool) {
	if i, ok := p.index[c]; ok {
		return i, true
	}
	if len(p.index) == 256 {
		return 0, false
	}
	i := uint8(len(p.index))
	p.index[c] = i
	p.plte = append(p.plte, c.R, c.G, c.B)
	return i, true
}

func (p *indexedPainter) fill(rect image.Rectangle, c color.RGBA) bool {
	i, ok := p.colorIndex(c)
	if !ok {
		return false
	}
	rect = rect.Intersect(image.Rect(0, 0, p.w, p.h))
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		row := p.pix[y*p.w+rect.Min.X : y*p.w+rect.Max.X]
		for x := range row {
			row[x] = i
		}
	}
	return true
}

func (p *indexedPainter) glyph(rect image.Rectangle, m *image.Alpha, fg, bg color.RGBA) bool {
	key := [2]color.RGBA{fg, bg}
	rp := p.ramps[key]
	if rp == nil {
		rp = new(ramp)
		for i := range rp {
			rp[i] = -1
		}
		p.ramps[key] = rp
	}
	rect = rect.Intersect(image.Rect(0, 0, p.w, p.h))
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		row := p.pix[y*p.w+rect.Min.X : y*p.w+rect.Max.X]
		cov := m.Pix[(y-rect.Min.Y)*m.Stride:]
		for x := range row {
			l := levelOf[cov[x]]
			if l == 0 {
				continue
			}
			if rp[l] < 0 {
				i, ok := p.colorIndex(mix(fg, bg, float64(l)/coverageLevels))
				if !ok {
					return false
				}
				rp[l] = int16(i)
			}
			row[x] = uint8(rp[l])
		}
	}
	return true
}

// uniforms keeps one image.Uniform per colour, so painting a cell does not
// allocate.
type uniforms map[color.RGBA]*image.Uniform

func (u uniforms) of(c color.RGBA) *image.Uniform {
	if p, ok := u[c]; ok {
		return p
	}
	p := image.NewUniform(c)
	u[c] = p
	return p
}

// rasterShape fills a shape into a w×h coverage mask.
func rasterShape(sh shape, w, h int) *image.Alpha {
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	z := vector.NewRasterizer(w, h)
	for _, l := range sh {
		if len(l.segs) == 0 {
			continue
		}
		z.Reset(w, h)
		trace(z, l.segs)
		z.Draw(mask, mask.Rect, image.NewUniform(color.Alpha{A: l.alpha}), image.Point{})
	}
	return mask
}

// trace replays a path's segments on a rasterizer, the one place PNG
// drawing turns pen strokes into vector operations.
func trace(z *vector.Rasterizer, segs []pathSeg) {
	for _, s := range segs {
		switch s.kind {
		case segMove:
			z.MoveTo(s.pts[0].x, s.pts[0].y)
		case segLine:
			z.LineTo(s.pts[0].x, s.pts[0].y)
		case segCube:
			z.CubeTo(s.pts[0].x, s.pts[0].y, s.pts[1].x, s.pts[1].y, s.pts[2].x, s.pts[2].y)
		case segClose:
			z.ClosePath()
		}
	}
}
