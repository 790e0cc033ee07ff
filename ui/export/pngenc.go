package export

import (
	"image"
	"image/color"
	"image/png"
	"io"
)

// pngEncoder trades a little size for speed: terminal pictures and charts
// are flat colour that deflates well at any level.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed}

// encodePNG writes an opaque RGBA image as a PNG: indexed when it has at
// most 256 colours (image/png does not filter indexed rows, which is
// where its time goes for RGB), RGB otherwise.
func encodePNG(w io.Writer, img *image.RGBA) error {
	if p := paletted(img); p != nil {
		return pngEncoder.Encode(w, p)
	}
	return pngEncoder.Encode(w, img)
}

// encodeIndexed writes a width×height image of palette indexes (one byte a
// pixel, row by row) with its palette of RGB triples.
func encodeIndexed(w io.Writer, width, height int, plte, index []byte) error {
	pal := make(color.Palette, len(plte)/3)
	for i := range pal {
		pal[i] = color.RGBA{plte[3*i], plte[3*i+1], plte[3*i+2], 255}
	}
	return pngEncoder.Encode(w, &image.Paletted{Pix: index, Stride: width, Rect: image.Rect(0, 0, width, height), Palette: pal})
}

// paletted is img as palette indexes, or nil when it has more than 256
// colours.
func paletted(img *image.RGBA) *image.Paletted {
	width, height := img.Rect.Dx(), img.Rect.Dy()
	out := &image.Paletted{Pix: make([]byte, width*height), Stride: width, Rect: image.Rect(0, 0, width, height)}
	seen := make(map[uint32]byte, 256)
	last, lastIdx := uint32(1<<31), byte(0) // no colour has the top bit
	for y := range height {
		pix := img.Pix[y*img.Stride : y*img.Stride+4*width]
		row := out.Pix[y*width : (y+1)*width]
		for x := range row {
			c := uint32(pix[4*x])<<16 | uint32(pix[4*x+1])<<8 | uint32(pix[4*x+2])
			if c != last {
				i, ok := seen[c]
				if !ok {
					if len(seen) == 256 {
						return nil
					}
					i = byte(len(seen))
					seen[c] = i
					out.Palette = append(out.Palette, color.RGBA{byte(c >> 16), byte(c >> 8), byte(c), 255})
				}
				last, lastIdx = c, i
			}
			row[x] = lastIdx
		}
	}
	return out
}
