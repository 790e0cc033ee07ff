package ui

import (
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// field is a one-line text box whose opening value is selected, so typing
// replaces it while the arrow keys keep it; pasted text, bracketed or a
// burst of runes, goes in as text and is never read as keys.
type field struct {
	input textinput.Model
	fresh bool // the opening value is selected
}

func newField(st *Styles) field {
	in := textinput.New()
	in.Prompt = ""
	in.TextStyle = st.editorText
	in.Cursor.Style = st.editorCursor
	in.Cursor.SetMode(cursor.CursorStatic) // a steady cursor: no blink, no redraws while typing nothing
	in.ShowSuggestions = false
	return field{input: in}
}

// set opens the field on a value, selected.
func (f *field) set(value string, width, limit int) tea.Cmd {
	f.input.CharLimit = limit
	f.input.Width = width
	f.input.SetValue(value)
	f.input.CursorEnd()
	f.fresh = value != ""
	return f.input.Focus()
}

func (f *field) blur() {
	f.fresh = false
	f.input.Blur()
}

func (f field) value() string { return f.input.Value() }

// isPaste reports whether a key message is text arriving at once.
func isPaste(k tea.KeyMsg) bool { return k.Type == tea.KeyRunes && (k.Paste || len(k.Runes) > 1) }

// Update edits the text with a key; it reports whether the text changed.
func (f field) Update(k tea.KeyMsg) (field, tea.Cmd, bool) {
	before := f.input.Value()
	if isPaste(k) {
		f.insert(k.Runes)
		return f, nil, f.input.Value() != before
	}
	if f.fresh {
		f.fresh = false
		switch k.Type {
		case tea.KeyRunes, tea.KeySpace:
			f.input.SetValue("") // typing replaces the selected value
		case tea.KeyBackspace, tea.KeyDelete, tea.KeyCtrlU:
			f.input.SetValue("")
			return f, nil, before != ""
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(k)
	return f, cmd, f.input.Value() != before
}

// insert puts pasted runes at the cursor; control characters become spaces.
func (f *field) insert(runes []rune) {
	clean := make([]rune, 0, len(runes))
	for _, r := range runes {
		if unicode.IsControl(r) {
			r = ' '
		}
		clean = append(clean, r)
	}
	value := []rune(f.input.Value())
	pos := f.input.Position()
	if f.fresh {
		value, pos, f.fresh = nil, 0, false
	}
	pos = clamp(pos, 0, len(value))
	value = append(value[:pos:pos], append(clean, value[pos:]...)...)
	f.input.SetValue(string(value))
	f.input.SetCursor(pos + len(clean))
}

// View draws the text, the selected value in reverse while it is fresh.
func (f field) View(st *Styles) string {
	if !f.fresh {
		return f.input.View()
	}
	v := f.input.Value()
	return st.Selected.Render(v) + spaces(max(0, f.input.Width-cellWidth(v)))
}
