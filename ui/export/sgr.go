package export

import (
	"strconv"
	"strings"
)

// sgrParam is one SGR parameter with its colon-separated sub-parameters
// (as in 38:2::255:0:0). A missing number is -1.
type sgrParam struct {
	v   int
	sub []int
}

// maxSGRParams bounds the work one sequence can cause.
const maxSGRParams = 64

// sgrParams splits the parameters of an SGR sequence (already checked by
// isSGR). An empty parameter list means 0, as in ESC[m.
func sgrParams(seq string) []sgrParam {
	body := strings.TrimPrefix(seq, "\x1b[")
	if len(body) == len(seq) { // 8-bit CSI
		body = seq[1:]
	}
	body = body[:len(body)-1] // the final 'm'
	if body == "" {
		return []sgrParam{{v: 0}}
	}
	var ps []sgrParam
	for _, group := range strings.Split(body, ";") {
		if len(ps) == maxSGRParams {
			break
		}
		parts := strings.Split(group, ":")
		p := sgrParam{v: sgrNumber(parts[0])}
		for _, s := range parts[1:] {
			if len(p.sub) == 8 {
				break
			}
			p.sub = append(p.sub, sgrNumber(s))
		}
		ps = append(ps, p)
	}
	return ps
}

// sgrNumber parses a parameter; empty is -1 and anything huge is capped so
// it stays out of every meaningful range.
func sgrNumber(s string) int {
	if s == "" {
		return -1
	}
	if len(s) > 5 {
		return 99999
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// applySGR returns st changed by the parameters of one SGR sequence.
func applySGR(st Style, ps []sgrParam) Style {
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		v := p.v
		if v < 0 {
			v = 0 // an empty parameter means 0
		}
		switch {
		case v == 0:
			st = Style{}
		case v == 1:
			st.Attrs |= Bold
		case v == 2:
			st.Attrs |= Faint
		case v == 3:
			st.Attrs |= Italic
		case v == 4:
			// 4:0 is "no underline"; 4:1…4:5 are underline styles.
			if len(p.sub) > 0 && p.sub[0] == 0 {
				st.Attrs &^= Underline
			} else {
				st.Attrs |= Underline
			}
		case v == 5 || v == 6:
			st.Attrs |= Blink
		case v == 7:
			st.Attrs |= Reverse
		case v == 8:
			st.Attrs |= Hidden
		case v == 9:
			st.Attrs |= Strikethrough
		case v == 21:
			st.Attrs |= Underline // double underline, drawn single
		case v == 22:
			st.Attrs &^= Bold | Faint
		case v == 23:
			st.Attrs &^= Italic
		case v == 24:
			st.Attrs &^= Underline
		case v == 25:
			st.Attrs &^= Blink
		case v == 27:
			st.Attrs &^= Reverse
		case v == 28:
			st.Attrs &^= Hidden
		case v == 29:
			st.Attrs &^= Strikethrough
		case v >= 30 && v <= 37:
			st.FG = Indexed(uint8(v - 30))
		case v == 38 || v == 48 || v == 58:
			c, ok, used := extendedColor(p, ps[i+1:])
			i += used
			if !ok {
				continue
			}
			switch v {
			case 38:
				st.FG = c
			case 48:
				st.BG = c
			}
			// 58 is the underline colour: read to skip its parameters,
			// but underlines are drawn in the foreground colour.
		case v == 39:
			st.FG = Color{}
		case v >= 40 && v <= 47:
			st.BG = Indexed(uint8(v - 40))
		case v == 49:
			st.BG = Color{}
		case v >= 90 && v <= 97:
			st.FG = Indexed(uint8(v - 90 + 8))
		case v >= 100 && v <= 107:
			st.BG = Indexed(uint8(v - 100 + 8))
		}
	}
	return st
}

// extendedColor reads the colour of a 38/48/58 parameter, in either the
// colon form (38:5:n, 38:2::r:g:b, 38:2:r:g:b) or the semicolon form
// (38;5;n, 38;2;r;g;b). It returns how many of the following parameters it
// consumed.
func extendedColor(p sgrParam, rest []sgrParam) (c Color, ok bool, used int) {
	var args []int
	if len(p.sub) > 0 {
		args = p.sub
		if len(args) >= 5 && args[0] == 2 {
			// 38:2:<colour space>:r:g:b
			args = append([]int{2}, args[2:]...)
		}
	} else {
		for _, q := range rest {
			if len(args) == 4 || len(q.sub) > 0 {
				break
			}
			args = append(args, q.v)
		}
		switch {
		case len(args) >= 1 && args[0] == 5:
			used = min(2, len(args))
		case len(args) >= 1 && args[0] == 2:
			used = min(4, len(args))
		default:
			used = min(1, len(args))
		}
	}
	byteOK := func(n int) bool { return n >= 0 && n <= 255 }
	switch {
	case len(args) >= 2 && args[0] == 5 && byteOK(args[1]):
		return Indexed(uint8(args[1])), true, used
	case len(args) >= 4 && args[0] == 2 && byteOK(args[1]) && byteOK(args[2]) && byteOK(args[3]):
		return RGB(uint8(args[1]), uint8(args[2]), uint8(args[3])), true, used
	}
	return Color{}, false, used
}
