package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The status line is one row, always: a message longer than the row is cut
// with … and ends in the key that opens it whole here, in a box over the
// view, so that no message ever moves the panels. The box keeps its own
// copy of the message: the status line clears at the next key and when its
// time is up.

// messageBox is the whole of a cut message, drawn over the view.
type messageBox struct {
	s       *session
	text    string
	isError bool
	w, h    int // the body it is drawn over
}

// open takes the message on the status line now.
func (b *messageBox) open(text string, isError bool) { b.text, b.isError = text, isError }

func (b *messageBox) SetSize(w, h int) { b.w, b.h = w, h }

// Update: any key closes the box (the root sends no mouse to it).
func (b *messageBox) Update(msg tea.Msg) (tea.Cmd, bool) {
	_, isKey := msg.(tea.KeyMsg)
	return nil, isKey
}

func (b *messageBox) shortHelp() []key.Binding {
	k := b.s.keys
	return []key.Binding{k.Back}
}

func (b *messageBox) enableKeys(k *keyMap) {
	k.Back.SetEnabled(true)
	k.Back.SetHelp("esc", "close")
}

// View is the box and its height; its width is overlayWidth of the body.
func (b messageBox) View() (string, int) {
	st := b.s.styles
	w := overlayWidth(b.w)
	p := st.Text
	title := "Message"
	if b.isError {
		p, title = st.Error, "Error"
	}
	lines := wrapLines(b.text, w-4, p)
	lines = append(lines, "", st.Faint.Render("any key closes"))
	h := min(len(lines)+2, max(3, b.h-2))
	return st.box(title, strings.Join(lines, "\n"), w, h, true), h
}

// statusRow is the status line's one row, w cells: the message, cut with
// … and the key that shows it whole when it is longer than the row; cut
// says it was.
func statusRow(text, more string, w int, p paint, hint paint) (row string, cut bool) {
	if cellWidth(text) <= w-1 {
		return fit(" "+p.Render(text), w), false
	}
	tail := "  " + more
	room := w - 1 - cellWidth(tail)
	if room < 10 {
		return fit(" "+p.Render(truncate(text, w-1)), w), true
	}
	return fit(" "+p.Render(truncate(text, room))+hint.Render(tail), w), true
}
