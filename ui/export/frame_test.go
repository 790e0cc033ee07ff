package export

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/guptarohit/asciigraph"
	"github.com/muesli/termenv"
)

// dashboardFrame builds a realistic 160×48 frame the way the UI does:
// lipgloss borders, colours and padding around an asciigraph plot, slider
// bars, KPI cards and funnel bars. It is test data, not the UI.
func dashboardFrame() string {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	accent := lipgloss.Color("#7aa2f7")
	muted := lipgloss.Color("#8a8fa3")
	green := lipgloss.Color("#9ece6a")
	amber := lipgloss.Color("#e0af68")

	box := func(title string, w, h int, body string) string {
		st := r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted).
			Width(w-2).Height(h-2).Padding(0, 1)
		out := st.Render(body)
		// Put the title into the top border, as the UI does.
		lines := strings.Split(out, "\n")
		t := r.NewStyle().Foreground(muted).Render("╭─ ") + r.NewStyle().Bold(true).Foreground(accent).Render(title) + r.NewStyle().Foreground(muted).Render(" "+strings.Repeat("─", max(0, w-5-lipgloss.Width(title)))+"╮")
		lines[0] = t
		return strings.Join(lines, "\n")
	}

	header := lipgloss.JoinHorizontal(lipgloss.Top,
		r.NewStyle().Bold(true).Foreground(lipgloss.Color("#1e1e2e")).Background(accent).Padding(0, 1).Render("sizeup"),
		r.NewStyle().Foreground(muted).Render("  China online video · 2015–2025 · base*"),
		strings.Repeat(" ", 26),
		r.NewStyle().Reverse(true).Padding(0, 1).Render("Dashboard"),
		r.NewStyle().Foreground(muted).Render("  Uncertainty  Sensitivity  Scenarios  Sources"),
		strings.Repeat(" ", 13),
		r.NewStyle().Foreground(muted).Render("USD · dark"),
	)
	header = r.NewStyle().Width(160).Render(header)

	slider := func(label, value string, pos int, selected, moved bool) string {
		bar := r.NewStyle().Foreground(accent).Render(strings.Repeat("━", pos)) +
			r.NewStyle().Foreground(amber).Render("●") +
			r.NewStyle().Foreground(muted).Render(strings.Repeat("─", 16-pos))
		mark := "  "
		if selected {
			mark = r.NewStyle().Foreground(amber).Render("▸ ")
		}
		dot := " "
		if moved {
			dot = r.NewStyle().Foreground(amber).Render("●")
		}
		return fmt.Sprintf("%s%-20s %7s  %s %s", mark, label, value, bar, dot)
	}
	heading := func(s string) string { return r.NewStyle().Bold(true).Foreground(muted).Render(s) }
	assumptions := strings.Join([]string{
		heading("MARKET"),
		slider("Internet users", "649M", 9, false, false),
		slider("User growth", "6.0%", 12, false, false),
		slider("Video reach", "73.0%", 14, false, false),
		slider("Mobile share", "60.0%", 0, false, false),
		slider("Market size", "$6.0B", 8, false, false),
		slider("Market growth", "25.0%", 10, false, false),
		"",
		heading("PARTNER & LICENCE"),
		"  [x] mobile  [x] PC  [x] TV      coverage 100%",
		slider("Partner cut", "30.0%", 5, false, false),
		slider("Deal probability", "50.0%", 8, false, false),
		slider("Approval lag", "6 mo", 4, false, false),
		"",
		heading("PRICING & ADOPTION"),
		slider("Conversion", "2.0%", 6, true, true),
		slider("Price", "$5.99", 7, false, false),
		slider("Bass p", "0.030", 3, false, false),
		slider("Bass q", "0.380", 9, false, false),
		r.NewStyle().Italic(true).Foreground(muted).Render("  Go Mono lacks ╭╮╰╯: drawn as shapes ⣿⡇"),
	}, "\n")
	left := box("Assumptions", 56, 46, assumptions)

	card := func(title, big, small string) string {
		return box(title, 25, 5, r.NewStyle().Bold(true).Foreground(green).Render(big)+"\n"+r.NewStyle().Foreground(muted).Render(small))
	}
	cards := lipgloss.JoinHorizontal(lipgloss.Top,
		card("2025", "TAM $55.9B", "SAM $55.9B"), " ",
		card("Subscribers", "13.8M", "2016: 0.36M"), " ",
		card("Net revenue", "$308M", "risk-weighted $154M"), " ",
		card("Share of TAM", "1.10%", "of a $55.9B market"),
	)

	var gross, net []float64
	for i := 0; i <= 40; i++ {
		x := float64(i) / 40
		gross = append(gross, 616*(1/(1+math.Exp(-10*(x-0.55)))))
		net = append(net, 308*(1/(1+math.Exp(-9*(x-0.6)))))
	}
	plot := asciigraph.PlotMany([][]float64{gross, net},
		asciigraph.Height(14), asciigraph.Width(80),
		asciigraph.SeriesColors(asciigraph.DodgerBlue, asciigraph.Green),
		asciigraph.LabelColor(asciigraph.Gray),
		asciigraph.AxisColor(asciigraph.Gray),
		asciigraph.YAxisValueFormatter(func(v float64) string { return fmt.Sprintf("$%.0fM", v) }),
		asciigraph.SeriesLegends("gross $616M", "net $308M"),
	)
	chart := box("Revenue projection, USD", 103, 23, plot+"\n        2015    2017    2019    2021    2023    2025")

	bar := func(label, value string, n int, pct string) string {
		return fmt.Sprintf("%-15s %7s  %s%s  %s", label, value,
			r.NewStyle().Foreground(accent).Render(strings.Repeat("█", n)),
			r.NewStyle().Foreground(accent).Render("▋"), pct)
	}
	funnel := box("Funnel, 2025", 103, 7, strings.Join([]string{
		bar("Internet users", "1,162M", 56, "100%"),
		bar("Video viewers", "848M", 41, "73.0%"),
		bar("Reachable", "848M", 41, "100% of viewers"),
		bar("Subscribers", "13.8M", 0, r.NewStyle().Underline(true).Render("1.6% of reach")+" ░▒▓"),
	}, "\n"))
	right := lipgloss.JoinVertical(lipgloss.Left, cards, chart, funnel)
	body := lipgloss.JoinHorizontal(lipgloss.Top, left, " ", right)
	status := r.NewStyle().Foreground(muted).Width(160).Render(
		" ↑↓ choose  ←→ adjust  ⏎ type  space toggle  u undo  $ currency  tab view  ? help  q quit   conversion: paying share of reachable viewers · 中文 assumption")
	frame := lipgloss.JoinVertical(lipgloss.Left, header, body, status)
	return frame
}
