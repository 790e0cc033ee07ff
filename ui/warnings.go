package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// The notes screen (w): what is wrong with the market file while it is
// broken on disk, every warning the market's checks raise at the
// values on the sliders, in full, and, while hindsight is on, the model
// judged against what happened; scrolled when taller than the window. The
// dashboard has room for a few lines of warnings and a hindsight panel
// only when the window is tall enough; this screen shows them all at any
// size.

type notesScreen struct {
	s       *session
	w, h    int
	vp      viewport.Model
	text    string // what the viewport holds, to lay it out only when it changes
	judged  bool   // it holds the hindsight judgement too
	problem bool   // and the market file's problem
}

func newNotesScreen(s *session) notesScreen {
	return notesScreen{s: s, vp: newTextViewport()}
}

// SetSize sizes the viewport; refresh lays the text out for it.
func (v *notesScreen) SetSize(w, h int) {
	v.w, v.h = w, h
	v.vp.Width, v.vp.Height = max(1, w-4), max(1, h-2)
}

// refresh lays the file's problem ("" for none), the warnings and the
// judgement (hindsight, already wrapped to the viewport's width; nil when
// hindsight is off) out again when they changed.
func (v *notesScreen) refresh(hindsight []string, problem string) {
	text := v.body(v.vp.Width, hindsight, problem)
	if text == v.text {
		return
	}
	v.text, v.judged, v.problem = text, len(hindsight) > 0, problem != ""
	v.vp.SetContent(text)
}

// body is every warning, numbered and wrapped to w, then the judgement.
func (v notesScreen) body(w int, hindsight []string, problem string) string {
	st := v.s.styles
	ws := v.s.warnings
	var lines []string
	if problem != "" {
		lines = append(lines, st.Group.Render("THE MARKET FILE"))
		lines = append(lines, wrapLines("⚠ "+problem, w, st.Error)...)
		lines = append(lines, "")
	}
	head := fmt.Sprintf("WARNINGS AT THE VALUES ON THE SLIDERS (%d)", len(ws))
	lines = append(lines, st.Group.Render(head))
	if len(ws) == 0 {
		lines = append(lines, st.Faint.Render("✓ None: no check of the market's raises one at these values, and every growth rate is within what its sources saw."))
	}
	for i, wn := range ws {
		lead := fmt.Sprintf("%d. ", i+1)
		mark, style := "⚠ ", st.Warn
		if wn.Expected != "" {
			mark, style = "· ", st.Faint // expected, with its reason: a note
		}
		for j, l := range wrap(wn.Text(), w-len(lead)-2) {
			if j == 0 {
				lines = append(lines, style.Render(mark+lead+l))
				continue
			}
			lines = append(lines, style.Render(spaces(2+len(lead))+l))
		}
	}
	if len(hindsight) > 0 {
		lines = append(lines, "", st.Group.Render("HINDSIGHT: THE MODEL AGAINST WHAT HAPPENED (ERROR = MODEL ÷ ACTUAL − 1)"))
		lines = append(lines, hindsight...)
	}
	lines = append(lines, "", st.Faint.Render("w or esc closes this screen; sizeup report prints the same warnings."))
	return strings.Join(lines, "\n")
}

// hasNotes says whether w has anything to show beyond the dashboard's
// own lines: a warning, hindsight on, or a broken market file.
func (m *Model) hasNotes() bool { return len(m.s.warnings) > 0 || m.dash.hindsight || m.broken != "" }

func (v notesScreen) shortHelp() []key.Binding {
	k := v.s.keys
	return []key.Binding{k.Down, k.PageDown, k.Back}
}

// enableKeys: the text scrolls; w and esc close it.
func (v *notesScreen) enableKeys(k *keyMap) {
	enable(true, &k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Notes, &k.Back)
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
	k.Back.SetHelp("esc", "close")
}

// Update scrolls; w and esc close the screen. q is the root's.
func (v *notesScreen) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := v.s.keys
	if msg, ok := msg.(tea.KeyMsg); ok {
		if key.Matches(msg, k.Notes) || key.Matches(msg, k.Back) {
			return nil, true
		}
	}
	var cmd tea.Cmd
	v.vp, cmd = v.vp.Update(msg)
	return cmd, false
}

func (v notesScreen) View() string {
	title := "Every warning"
	if v.problem {
		title = "The market file, and every warning"
	}
	if v.judged {
		title += " and the hindsight judgement"
	}
	if v.vp.TotalLineCount() > v.vp.Height {
		title += " · ↑/↓ scroll"
	}
	return v.s.styles.box(title, v.s.styles.keepBG(v.vp.View()), v.w, v.h, true)
}
