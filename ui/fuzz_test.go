package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// FuzzMessages feeds random sequences of keys, mouse events and resizes to
// Update and View: nothing may panic, every frame must be exactly the
// terminal's size, and no NaN or Inf may reach the screen.
func FuzzMessages(f *testing.F) {
	f.Add([]byte("jjjlllLLLHHH"))
	f.Add([]byte{0xf0, 0x10, 0x05, 'j', 'l', 0xf1, 0x30, 0x10, 0xf2, 0x05})
	f.Add([]byte("\r5%\r\x1b$tc?\t\t"))
	f.Add([]byte("R u \x12 r"))
	f.Add([]byte{0xf0, 0x00, 0x00, 0xf0, 0xff, 0xff, 'j', 0xf1, 0x3c, 0x05})
	mk := testMarket(f)
	f.Fuzz(func(t *testing.T, script []byte) {
		m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark"})
		m = send(m, tea.WindowSizeMsg{Width: 120, Height: 40})
		w, h := 120, 40
		for i := 0; i < len(script); i++ {
			b := script[i]
			var msg tea.Msg
			switch {
			case b == 0xf0 && i+2 < len(script): // resize, sometimes below the minimum
				w, h = int(script[i+1])%320, int(script[i+2])%110
				msg = tea.WindowSizeMsg{Width: w, Height: h}
				i += 2
			case b == 0xf1 && i+2 < len(script): // press at x, y
				msg = tea.MouseMsg{X: int(script[i+1]) % 200, Y: int(script[i+2]) % 60, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}
				i += 2
			case b == 0xf2 && i+1 < len(script): // drag to x
				msg = tea.MouseMsg{X: int(script[i+1]) % 200, Y: 20, Action: tea.MouseActionMotion, Button: tea.MouseButtonLeft}
				i++
			case b == 0xf3:
				msg = tea.MouseMsg{X: 10, Y: 10, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown}
			case b == '\r':
				msg = tea.KeyMsg{Type: tea.KeyEnter}
			case b == 0x1b:
				msg = tea.KeyMsg{Type: tea.KeyEsc}
			case b == '\t':
				msg = tea.KeyMsg{Type: tea.KeyTab}
			case b == 0x12:
				msg = tea.KeyMsg{Type: tea.KeyCtrlR}
			case b == 0x7f:
				msg = tea.KeyMsg{Type: tea.KeyBackspace}
			case b == 0x15:
				msg = tea.KeyMsg{Type: tea.KeyCtrlU}
			case b == 'q' || b == 0x03:
				continue // quitting ends nothing here; skip it
			case b >= 0x20 && b < 0x7f:
				msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{rune(b)}}
			default:
				msg = tea.KeyMsg{Type: tea.KeyShiftRight}
			}
			m = send(m, msg)
			frame := m.View()
			if w > 0 && h > 0 {
				checkFrame(t, frame, w, h)
			}
			for id := range m.s.market.Inputs {
				v, in := m.s.values[id], m.s.market.Inputs[id]
				if v != v || v < in.Min || v > in.Max {
					t.Fatalf("%s = %v, outside %v..%v", in.Name, v, in.Min, in.Max)
				}
			}
		}
	})
}
