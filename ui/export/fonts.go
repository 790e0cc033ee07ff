package export

import (
	"image"
	"image/draw"
	"math"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Cell size at scale 1, in pixels (PNG) or user units (SVG). Go Mono's
// advance is 0.6 em, so an 8-unit cell holds it at 13.3 units per em, with
// room for its ascent and descent in 16.
const (
	CellWidth  = 8
	CellHeight = 16
)

// faceStyle picks one of the four embedded Go Mono faces.
type faceStyle uint8

const (
	faceRegular faceStyle = iota
	faceBold
	faceItalic
	faceBoldItalic
)

func faceStyleOf(a Attr) faceStyle {
	f := faceRegular
	if a&Bold != 0 {
		f |= faceBold
	}
	if a&Italic != 0 {
		f |= faceItalic
	}
	return f
}

// fontTTF holds the embedded font files, indexed by faceStyle.
var fontTTF = [4][]byte{gomono.TTF, gomonobold.TTF, gomonoitalic.TTF, gomonobolditalic.TTF}

// parsedFonts parses the embedded fonts once; an *sfnt.Font is safe for
// concurrent use given a buffer per goroutine.
var parsedFonts = sync.OnceValues(func() ([4]*sfnt.Font, error) {
	var fs [4]*sfnt.Font
	for i, ttf := range fontTTF {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return fs, err
		}
		fs[i] = f
	}
	return fs, nil
})

// metrics is the type layout of one cell size.
type metrics struct {
	cw, ch    int
	size      float64 // font size in pixels per em
	baseline  int     // from the top of the cell
	underline int     // top of the underline, from the top of the cell
	strike    int     // top of the strike-through line
	thickness int     // of underline and strike-through
}

func newMetrics(f *sfnt.Font, scale int) (metrics, error) {
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.UnitsPerEm())
	gi, err := f.GlyphIndex(&buf, 'M')
	if err != nil {
		return metrics{}, err
	}
	adv, err := f.GlyphAdvance(&buf, gi, upem, font.HintingNone)
	if err != nil {
		return metrics{}, err
	}
	m, err := f.Metrics(&buf, upem, font.HintingNone)
	if err != nil {
		return metrics{}, err
	}
	cw, ch := CellWidth*scale, CellHeight*scale
	size := float64(cw) * float64(upem) / float64(adv)
	em := size / float64(upem)
	ascent, descent := float64(m.Ascent)*em, float64(m.Descent)*em
	baseline := int(math.Round((float64(ch)-ascent-descent)/2 + ascent))
	t := max(1, scale)
	return metrics{
		cw: cw, ch: ch, size: size,
		baseline:  baseline,
		underline: min(ch-t, baseline+max(1, int(math.Round(descent/3)))),
		strike:    baseline - int(math.Round(float64(m.XHeight)*em/2)),
		thickness: t,
	}, nil
}

// glyphKey names a rasterised cell image.
type glyphKey struct {
	g     string
	face  faceStyle
	width int
}

// rasterizer draws glyph masks for one cell size and caches them: a frame
// has a few dozen distinct glyphs over thousands of cells.
type rasterizer struct {
	m     metrics
	fonts [4]*sfnt.Font
	faces [4]font.Face
	buf   sfnt.Buffer
	cache map[glyphKey]*image.Alpha
}

func newRasterizer(scale int) (*rasterizer, error) {
	fs, err := parsedFonts()
	if err != nil {
		return nil, err
	}
	m, err := newMetrics(fs[faceRegular], scale)
	if err != nil {
		return nil, err
	}
	r := &rasterizer{m: m, fonts: fs, cache: make(map[glyphKey]*image.Alpha)}
	for i, f := range fs {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: m.size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, err
		}
		r.faces[i] = face
	}
	return r, nil
}

// mask returns the coverage of grapheme g drawn in a cell width cells wide,
// or nil when it draws nothing.
func (r *rasterizer) mask(g string, fs faceStyle, width int) *image.Alpha {
	if isShape(g) {
		fs = faceRegular // shapes ignore bold and italic
	}
	k := glyphKey{g, fs, width}
	if m, ok := r.cache[k]; ok {
		return m
	}
	m := r.draw(g, fs, width)
	if m != nil {
		quantize(m)
	}
	r.cache[k] = m
	return m
}

func (r *rasterizer) draw(g string, fs faceStyle, width int) *image.Alpha {
	w, h := r.m.cw*width, r.m.ch
	if sh, ok := shapeFor(g, r.m.cw, r.m.ch); ok {
		return rasterShape(sh, w, h)
	}
	if isBlank(g) {
		return nil
	}
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	if !r.hasGlyphs(g, fs) {
		r.tofu(mask)
		return mask
	}
	face := r.faces[fs]
	var base, baseAdv fixed.Int26_6
	first := true
	for _, ru := range g {
		if ignorable(ru) {
			continue
		}
		adv, _ := face.GlyphAdvance(ru)
		x := base
		switch {
		case first:
			// A glyph narrower than its cells (one advance in a wide
			// cell) is centred.
			first, baseAdv = false, adv
			if off := fixed.I(w) - adv; off > 0 {
				base = off / 2
				x = base
			}
		case adv == 0:
			// A zero-advance combining mark hangs back from the end of
			// the base glyph.
			x = base + baseAdv
		}
		dr, gm, mp, _, ok := face.Glyph(fixed.Point26_6{X: x, Y: fixed.I(r.m.baseline)}, ru)
		if !ok {
			continue
		}
		// Clip to the cell: text never leaves its cell.
		clip := dr.Intersect(mask.Rect)
		draw.DrawMask(mask, clip, image.Opaque, image.Point{}, gm, mp.Add(clip.Min.Sub(dr.Min)), draw.Over)
	}
	return mask
}

// coverageLevels is how many levels of coverage a glyph's edges keep
// (besides none): 16 is smooth at 2× and keeps a frame's colours, blends
// included, within a PNG palette.
const coverageLevels = 16

// quantize rounds the coverage of m to coverageLevels levels.
func quantize(m *image.Alpha) {
	for i, a := range m.Pix {
		m.Pix[i] = uint8((int(a)*coverageLevels + 127) / 255 * 255 / coverageLevels)
	}
}

// hasGlyphs reports whether the face has a glyph for every visible rune of
// g.
func (r *rasterizer) hasGlyphs(g string, fs faceStyle) bool {
	for _, ru := range g {
		if ignorable(ru) {
			continue
		}
		gi, err := r.fonts[fs].GlyphIndex(&r.buf, ru)
		if err != nil || gi == 0 {
			return false
		}
	}
	return true
}

// tofu draws the box that stands for a glyph the font lacks.
func (r *rasterizer) tofu(mask *image.Alpha) {
	b := mask.Rect
	t := r.m.thickness
	in := image.Rect(b.Min.X+t, b.Min.Y+r.m.ch/8, b.Max.X-t, b.Max.Y-r.m.ch/8)
	for _, e := range []image.Rectangle{
		image.Rect(in.Min.X, in.Min.Y, in.Max.X, in.Min.Y+t),
		image.Rect(in.Min.X, in.Max.Y-t, in.Max.X, in.Max.Y),
		image.Rect(in.Min.X, in.Min.Y, in.Min.X+t, in.Max.Y),
		image.Rect(in.Max.X-t, in.Min.Y, in.Max.X, in.Max.Y),
	} {
		draw.Draw(mask, e, image.Opaque, image.Point{}, draw.Src)
	}
}

// isBlank reports whether g draws nothing at all.
func isBlank(g string) bool {
	for _, r := range g {
		if r != ' ' && r != '\u00a0' && r != '\u2800' && !ignorable(r) {
			return false
		}
	}
	return true
}

// ignorable reports whether r is invisible formatting (joiners, variation
// selectors, zero-width spaces) that needs no glyph.
func ignorable(r rune) bool {
	return r >= 0x200b && r <= 0x200f || r == 0x2060 || r == 0xfeff ||
		r >= 0xfe00 && r <= 0xfe0f || unicode.Is(unicode.Cf, r)
}
