package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteSamples writes sample exports of the dashboard frame for a
// person to look at: EXPORT_SAMPLES=/tmp/export-samples go test -run Samples.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("EXPORT_SAMPLES")
	if dir == "" {
		t.Skip("set EXPORT_SAMPLES to a directory to write sample exports")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	g := Parse(dashboardFrame())
	for _, th := range []Theme{Dark(), Light()} {
		for _, f := range []struct {
			ext   string
			write func(*bytes.Buffer) error
		}{
			{"png", func(b *bytes.Buffer) error { return WritePNG(b, g, Options{Theme: th}) }},
			{"svg", func(b *bytes.Buffer) error { return WriteSVG(b, g, Options{Theme: th}) }},
		} {
			var b bytes.Buffer
			if err := f.write(&b); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "dashboard-"+th.Name+"."+f.ext), b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var sheet strings.Builder
	for r := rune(0x2500); r <= 0x259f; r++ {
		sheet.WriteString(string(r) + " ")
		if r%32 == 31 {
			sheet.WriteString("\n")
		}
	}
	sheet.WriteString("⠁⠃⠇⡇⣇⣧⣷⣿ ●○◆◇◂▸◀▶▲▼■□▪⏎ ▁▂▃▄▅▆▇█▉▊▋▌▍▎▏\n")
	sheet.WriteString("┌─┬─┐ ┏━┳━┓ ╔═╦═╗ ╭─┬─╮ ╒═╤═╕ ╓─╥─╖ ┍━┯━┑\n")
	sheet.WriteString("├─┼─┤ ┣━╋━┫ ╠═╬═╣ │ │ │ ╞═╪═╡ ╟─╫─╢ ┝━┿━┥\n")
	sheet.WriteString("└─┴─┘ ┗━┻━┛ ╚═╩═╝ ╰─┴─╯ ╘═╧═╛ ╙─╨─╜ ┕━┷━┙\n")
	sheet.WriteString("┄┄┄ ┅┅┅ ┈┈┈ ┉┉┉ ╌╌╌ ╍╍╍ ╱╲╳ ╴╶ ╸╺ ╼╾\n")
	sheet.WriteString("\x1b[1mBold\x1b[0m \x1b[3mItalic\x1b[0m \x1b[1;3mBoth\x1b[0m \x1b[4mUnder\x1b[0m \x1b[9mStrike\x1b[0m \x1b[2mFaint\x1b[0m \x1b[7mReverse\x1b[0m é ñ ü 中文 ❤️ ✓")
	var sb bytes.Buffer
	if err := WritePNG(&sb, Parse(sheet.String()), Options{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "glyph-sheet.png"), sb.Bytes(), 0o644)

	var b bytes.Buffer
	if err := WriteDeckPNG(&b, sampleChart(), 1600, 900); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "deck.png"), b.Bytes(), 0o644)
	b.Reset()
	if err := WriteDeckSVG(&b, sampleChart(), 1600, 900); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "deck.svg"), b.Bytes(), 0o644)
	b.Reset()
	WriteText(&b, g)
	os.WriteFile(filepath.Join(dir, "dashboard.txt"), b.Bytes(), 0o644)
	b.Reset()
	WriteANSI(&b, g)
	os.WriteFile(filepath.Join(dir, "dashboard.ans"), b.Bytes(), 0o644)
}
