package export

import "image/color"

// Theme is the terminal an exported frame pretends to be drawn in: what the
// default foreground and background and the 16 ANSI colours look like.
// Colours 16–255 and truecolor are the same in every theme.
type Theme struct {
	Name   string
	FG, BG color.RGBA
	ANSI   [16]color.RGBA
}

// Dark is a dark terminal: near-black blue background, light grey text.
func Dark() Theme {
	return Theme{
		Name: "dark",
		FG:   hex(0xe6e6e6),
		BG:   hex(0x1e1e2e),
		ANSI: [16]color.RGBA{
			hex(0x45475a), hex(0xf38ba8), hex(0xa6e3a1), hex(0xf9e2af),
			hex(0x89b4fa), hex(0xf5c2e7), hex(0x94e2d5), hex(0xbac2de),
			hex(0x6c7086), hex(0xff9fbd), hex(0xbef5b9), hex(0xfff0c4),
			hex(0xa9c9ff), hex(0xffd6f2), hex(0xb0f3e8), hex(0xf5f5f5),
		},
	}
}

// Light is a light terminal: white background, near-black text.
func Light() Theme {
	return Theme{
		Name: "light",
		FG:   hex(0x1f2328),
		BG:   hex(0xffffff),
		ANSI: [16]color.RGBA{
			hex(0x24292f), hex(0xcf222e), hex(0x116329), hex(0x4d2d00),
			hex(0x0969da), hex(0x8250df), hex(0x1b7c83), hex(0x6e7781),
			hex(0x57606a), hex(0xa40e26), hex(0x1a7f37), hex(0x633c01),
			hex(0x218bff), hex(0xa475f9), hex(0x3192aa), hex(0x8c959f),
		},
	}
}

func hex(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// resolve returns what c looks like in theme t; def is used for the
// terminal default.
func (t *Theme) resolve(c Color, def color.RGBA) color.RGBA {
	switch c.Kind {
	case IndexedColor:
		if c.Index < 16 {
			return t.ANSI[c.Index]
		}
		return xterm256(c.Index)
	case RGBColor:
		return color.RGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
	}
	return def
}

// xterm256 returns colour i (16–255) of the xterm palette: a 6×6×6 cube
// then a 24-step grey ramp.
func xterm256(i uint8) color.RGBA {
	if i >= 232 {
		v := 8 + 10*(i-232)
		return color.RGBA{R: v, G: v, B: v, A: 0xff}
	}
	i -= 16
	level := func(n uint8) uint8 {
		if n == 0 {
			return 0
		}
		return 55 + 40*n
	}
	return color.RGBA{R: level(i / 36), G: level(i / 6 % 6), B: level(i % 6), A: 0xff}
}

// colors returns the foreground and background a cell is painted with,
// after reverse, faint and hidden.
func (t *Theme) colors(st Style) (fg, bg color.RGBA) {
	fg = t.resolve(st.FG, t.FG)
	bg = t.resolve(st.BG, t.BG)
	if st.Attrs&Reverse != 0 {
		fg, bg = bg, fg
	}
	if st.Attrs&Faint != 0 {
		fg = mix(fg, bg, 0.5)
	}
	if st.Attrs&Hidden != 0 {
		fg = bg
	}
	return fg, bg
}

// mix returns a·k + b·(1−k).
func mix(a, b color.RGBA, k float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*k + float64(y)*(1-k) + 0.5) }
	return color.RGBA{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B), A: 0xff}
}
