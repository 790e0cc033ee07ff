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

// maxPixels bounds the image a frame can ask for (a 1000×1000-cell frame
// at 2×).
const maxPixels = 1000 * CellWidth * 2 * 1000 * CellHeight * 2

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
	scale := opt.scale()
	th := opt.theme()
	r, err := newRasterizer(scale)
	if err != nil {
		return nil, err
	}
	cw, ch := r.m.cw, r.m.ch
	if g.W <= 0 || g.H <= 0 {
		return nil, errors.New("export: empty frame")
	}
	if g.W*cw > maxPixels/(g.H*ch) {
		return nil, errors.New("export: frame too large for an image")
	}
	img := image.NewRGBA(image.Rect(0, 0, g.W*cw, g.H*ch))
	paint := uniforms{}
	draw.Draw(img, img.Rect, paint.of(th.BG), image.Point{}, draw.Src)

	for y := range g.H {
		for x := 0; x < g.W; x++ {
			c := g.Cells[y*g.W+x]
			if c.IsContinuation() {
				continue
			}
			w := max(1, min(c.Width, g.W-x))
			fg, bg := th.colors(c.Style)
			cell := image.Rect(x*cw, y*ch, (x+w)*cw, (y+1)*ch)
			if bg != th.BG {
				draw.Draw(img, cell, paint.of(bg), image.Point{}, draw.Src)
			}
			if c.Style.Attrs&Hidden != 0 {
				continue
			}
			if m := r.mask(c.Grapheme, faceStyleOf(c.Style.Attrs), w); m != nil {
				draw.DrawMask(img, cell, paint.of(fg), image.Point{}, m, image.Point{}, draw.Over)
			}
			t := r.m.thickness
			if c.Style.Attrs&Underline != 0 {
				line := image.Rect(cell.Min.X, cell.Min.Y+r.m.underline, cell.Max.X, cell.Min.Y+r.m.underline+t)
				draw.Draw(img, line, paint.of(fg), image.Point{}, draw.Src)
			}
			if c.Style.Attrs&Strikethrough != 0 {
				line := image.Rect(cell.Min.X, cell.Min.Y+r.m.strike, cell.Max.X, cell.Min.Y+r.m.strike+t)
				draw.Draw(img, line, paint.of(fg), image.Point{}, draw.Src)
			}
		}
	}
	return img, nil
}

// WritePNG writes the grid as a PNG image (see [Image]). The bytes depend
// only on the grid and the options.
func WritePNG(w io.Writer, g *Grid, opt Options) error {
	img, err := Image(g, opt)
	if err != nil {
		return err
	}
	return encodePNG(w, img)
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
		for _, s := range l.segs {
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
		z.Draw(mask, mask.Rect, image.NewUniform(color.Alpha{A: l.alpha}), image.Point{})
	}
	return mask
}
