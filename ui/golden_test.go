package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// Golden frames pin what was looked at and approved. Refresh them with
// go test ./ui -update, then look at the diff before committing.

func TestGoldenDashboard(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := newTestModel(t, sz[0], sz[1])
			checkFrame(t, m.View(), sz[0], sz[1])
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

func TestGoldenMoved(t *testing.T) {
	// Conversion 4%, TV licence off, money in yuan, linear chart.
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("licence_tv"))
	m = send(m, keys(" ")...)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("enter", "ctrl+u")...)
	m = send(m, typeText("4%")...)
	m = send(m, keys("enter", "$", "c")...)
	checkFrame(t, m.View(), 160, 48)
	golden.RequireEqual(t, []byte(m.View()))
}

func TestGoldenSources(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = send(m, keys("5")...)
	golden.RequireEqual(t, []byte(m.View()))
}

func TestGoldenHelp(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = send(m, keys("?")...)
	golden.RequireEqual(t, []byte(m.View()))
}
