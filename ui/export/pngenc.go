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
// when it has at most 256 colours (a terminal picture usually has: a few
// dozen colours and, since glyph coverage is kept to 17 levels, the blends
// between them), RGB otherwise.
//
// image/png spends most of its time choosing a filter for every row by
// trying all five. Here an indexed row is not filtered (as image/png does
// for indexed images) and an RGB row is filtered Up (all zeros) when it
// repeats the row above and Sub otherwise, which for flat terminal colours
// compresses about as well. With the fastest deflate level this makes a
// 160×48 frame at 2× several times quicker to encode.
func encodePNG(w io.Writer, img *image.RGBA) error {
	width, height := img.Rect.Dx(), img.Rect.Dy()
	var (
		ihdr  [13]byte
		plte  []byte
		idat  bytes.Buffer
		err   error
		index []byte
	)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8] = 8 // bits per sample
	// compression, filter and interlace methods: all 0

	if plte, index = palette(img); plte != nil {
		ihdr[9] = 3 // colour type: indexed
		err = deflateRows(&idat, height, width, func(y int, row []byte) {
			row[0] = 0 // None
			copy(row[1:], index[y*width:(y+1)*width])
		})
	} else {
		ihdr[9] = 2 // colour type: RGB
		prev := make([]byte, 3*width)
		cur := make([]byte, 3*width)
		err = deflateRows(&idat, height, 3*width, func(y int, row []byte) {
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
	}
	if err != nil {
		return err
	}

	if _, err := io.WriteString(w, "\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	chunks := []struct {
		name string
		data []byte
	}{{"IHDR", ihdr[:]}, {"PLTE", plte}, {"IDAT", idat.Bytes()}, {"IEND", nil}}
	for _, c := range chunks {
		if c.name == "PLTE" && c.data == nil {
			continue
		}
		if err := writeChunk(w, c.name, c.data); err != nil {
			return err
		}
	}
	return nil
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
