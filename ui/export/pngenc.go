package export

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
)

// encodePNG writes an opaque RGBA image as an 8-bit PNG: indexed colour
// when it has at most 256 colours, RGB otherwise.
func encodePNG(w io.Writer, img *image.RGBA) error {
	if plte, index := palette(img); plte != nil {
		return encodeIndexed(w, img.Rect.Dx(), img.Rect.Dy(), plte, index)
	}
	return encodeRGB(w, img)
}

// encodeIndexed writes a width×height image of palette indexes (one byte
// a pixel, row by row) with its palette of RGB triples. Rows are not
// filtered, as image/png does not filter indexed images either.
func encodeIndexed(w io.Writer, width, height int, plte, index []byte) error {
	var idat bytes.Buffer
	err := deflateRows(&idat, height, width, func(y int, row []byte) {
		row[0] = 0 // None
		copy(row[1:], index[y*width:(y+1)*width])
	})
	if err != nil {
		return err
	}
	return writePNG(w, width, height, 3, plte, idat.Bytes())
}

// encodeRGB writes an opaque RGBA image as 8-bit RGB.
//
// image/png spends most of its time choosing a filter for every row by
// trying all five. A terminal picture or a chart is mostly flat colour
// and rows that repeat the row above, for which a fixed choice does about
// as well: Up (all zeros) for a row equal to the one above, Sub otherwise.
func encodeRGB(w io.Writer, img *image.RGBA) error {
	width, height := img.Rect.Dx(), img.Rect.Dy()
	prev := make([]byte, 3*width)
	cur := make([]byte, 3*width)
	var idat bytes.Buffer
	err := deflateRows(&idat, height, 3*width, func(y int, row []byte) {
		pix := img.Pix[y*img.Stride : y*img.Stride+4*width]
		for x, i := 0, 0; x < width; x, i = x+1, i+3 {
			cur[i], cur[i+1], cur[i+2] = pix[4*x], pix[4*x+1], pix[4*x+2]
		}
		if y > 0 && bytes.Equal(cur, prev) {
			row[0] = 2 // Up: every byte minus the byte above, so all zero
			clear(row[1:])
		} else {
			row[0] = 1 // Sub: every byte minus the byte one pixel left
			copy(row[1:4], cur[:3])
			for i := 3; i < len(cur); i++ {
				row[1+i] = cur[i] - cur[i-3]
			}
		}
		cur, prev = prev, cur
	})
	if err != nil {
		return err
	}
	return writePNG(w, width, height, 2, nil, idat.Bytes())
}

// writePNG writes the chunks of an 8-bit PNG of colour type colorType
// (2 RGB, 3 indexed).
func writePNG(w io.Writer, width, height int, colorType byte, plte, idat []byte) error {
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bits per sample
	ihdr[9] = colorType
	// compression, filter and interlace methods: all 0
	if _, err := io.WriteString(w, "\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	if err := writeChunk(w, "IHDR", ihdr[:]); err != nil {
		return err
	}
	if plte != nil {
		if err := writeChunk(w, "PLTE", plte); err != nil {
			return err
		}
	}
	if err := writeChunk(w, "IDAT", idat); err != nil {
		return err
	}
	return writeChunk(w, "IEND", nil)
}

// deflateRows compresses height rows of 1+n bytes (a filter type, then the
// row's bytes) that fill fills in.
func deflateRows(w io.Writer, height, n int, fill func(y int, row []byte)) error {
	zw, err := zlib.NewWriterLevel(w, zlib.BestSpeed)
	if err != nil {
		return err
	}
	row := make([]byte, 1+n)
	for y := range height {
		fill(y, row)
		if _, err := zw.Write(row); err != nil {
			return err
		}
	}
	return zw.Close()
}

// palette returns the PLTE chunk data of img and every pixel's index, or
// nil if img has more than 256 colours. Colours are numbered in the order
// they first appear, so the output is deterministic.
func palette(img *image.RGBA) (plte, index []byte) {
	width, height := img.Rect.Dx(), img.Rect.Dy()
	index = make([]byte, width*height)
	seen := make(map[uint32]byte, 256)
	last, lastIdx := uint32(1<<31), byte(0) // no colour has the top bit
	for y := range height {
		pix := img.Pix[y*img.Stride : y*img.Stride+4*width]
		out := index[y*width : (y+1)*width]
		for x := range out {
			c := uint32(pix[4*x])<<16 | uint32(pix[4*x+1])<<8 | uint32(pix[4*x+2])
			if c != last {
				i, ok := seen[c]
				if !ok {
					if len(seen) == 256 {
						return nil, nil
					}
					i = byte(len(seen))
					seen[c] = i
					plte = append(plte, byte(c>>16), byte(c>>8), byte(c))
				}
				last, lastIdx = c, i
			}
			out[x] = lastIdx
		}
	}
	return plte, index
}

func writeChunk(w io.Writer, name string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], name)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	for _, p := range [][]byte{hdr[:], data, sum[:]} {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}
