// Package export turns a rendered terminal frame — the string a Bubble Tea
// View() returns, lipgloss styles and all — into files: plain text, ANSI
// text, SVG and PNG, in pure Go with fonts embedded; and draws the same
// chart data as a vector chart for slides (the deck chart).
//
// A frame is first parsed into a [Grid] of cells, each with its grapheme,
// width, colours and attributes, exactly as a terminal would lay it out.
// The writers draw that grid:
//
//   - [WriteText]: the characters, trailing spaces trimmed;
//   - [WriteANSI]: the characters with normalised SGR sequences;
//   - [WriteSVG] and [WritePNG]: a picture of the terminal on a fixed cell
//     grid, with box-drawing, block, braille and a few geometric characters
//     drawn as shapes so that lines join across cells whatever the font
//     lacks, and text from the embedded Go Mono faces.
//
// Writers take an io.Writer; writing files atomically is the caller's job.
// Output depends only on the input: the same frame gives the same bytes.
package export

import (
	"fmt"
	"io"
)

// Format is an export file format, named by its usual file extension.
type Format string

// The formats a frame can be written in.
const (
	Text Format = "txt"
	ANSI Format = "ansi"
	SVG  Format = "svg"
	PNG  Format = "png"
)

// ParseFormat reads a format name as typed on a command line.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "txt", "text":
		return Text, nil
	case "ansi", "ans":
		return ANSI, nil
	case "svg":
		return SVG, nil
	case "png":
		return PNG, nil
	}
	return "", fmt.Errorf("export: unknown format %q; use txt, ansi, svg or png", s)
}

// Write writes the grid in format f.
func Write(w io.Writer, g *Grid, f Format, opt Options) error {
	switch f {
	case Text:
		return WriteText(w, g)
	case ANSI:
		return WriteANSI(w, g)
	case SVG:
		return WriteSVG(w, g, opt)
	case PNG:
		return WritePNG(w, g, opt)
	}
	return fmt.Errorf("export: unknown format %q", string(f))
}
