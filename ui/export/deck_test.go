package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"
)

// sampleChart is the dashboard's projection as deck data, with a fan band.
func sampleChart() Chart {
	var years, sam, gross, net, lo, hi []float64
	for y := 2015; y <= 2025; y++ {
		t := float64(y - 2015)
		years = append(years, float64(y))
		sam = append(sam, 0.8*6e9*math.Pow(1.25, t))
		g := 616e6 / (1 + math.Exp(-0.9*(t-5)))
		gross = append(gross, g)
		net = append(net, 0.5*g)
		lo = append(lo, 0.25*g)
		hi = append(hi, 0.9*g)
	}
	return Chart{
		Title:    "Revenue projection, USD",
		Subtitle: "China online video · base scenario · 2015–2025",
		YUnit:    "USD per year",
		Series: []Series{
			{Name: "Gross revenue", X: years, Y: gross, Style: Solid},
			{Name: "Net revenue (P5–P95)", X: years, Y: net, Style: Dashed, Band: &[2][]float64{lo, hi}},
			{Name: "SAM ÷ 10", X: years, Y: scale(sam, 0.1), Style: Dotted},
		},
		Footer: []string{
			"Assumptions: conversion 2.0% of reachable viewers; price $5.99/month; partner keeps 30%.",
			"Sources: Bloomberg via The Hollywood Reporter, 2015; CNNIC; iResearch. Band: Monte Carlo P5–P95 given a deal.",
		},
		YTick: money,
	}
}

func scale(v []float64, k float64) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = v[i] * k
	}
	return out
}

func money(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e9:
		return fmt.Sprintf("$%.1fB", v/1e9)
	case a >= 1e6:
		return fmt.Sprintf("$%.0fM", v/1e6)
	}
	return fmt.Sprintf("$%.0f", v)
}

func TestDeckPNG(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteDeckPNG(&a, sampleChart(), 1600, 900); err != nil {
		t.Fatal(err)
	}
	if err := WriteDeckPNG(&b, sampleChart(), 1600, 900); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two deck PNGs of the same chart differ")
	}
	img, err := png.Decode(&a)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Size() != image.Pt(1600, 900) {
		t.Errorf("deck PNG is %v, want 1600×900", img.Bounds().Size())
	}
	// The series colours are on the canvas.
	found := map[color.RGBA]bool{}
	for y := 0; y < 900; y++ {
		for x := 0; x < 1600; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			found[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}] = true
		}
	}
	for i := range 3 {
		if !found[deckColors[i]] {
			t.Errorf("series %d colour %v is not drawn", i, deckColors[i])
		}
	}
}

func TestDeckSVG(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteDeckSVG(&a, sampleChart(), 1600, 900); err != nil {
		t.Fatal(err)
	}
	if err := WriteDeckSVG(&b, sampleChart(), 1600, 900); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two deck SVGs of the same chart differ")
	}
	if err := checkXML(a.Bytes()); err != nil {
		t.Fatalf("deck SVG is not valid XML: %v", err)
	}
	var texts []string
	d := xml.NewDecoder(bytes.NewReader(a.Bytes()))
	inText := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"Revenue projection, USD", "China online video", "USD per year", "Gross revenue",
		"Net revenue (P5–P95)", "2015", "2025", "$0", "$1.0B", "$4.0B", "Sources: Bloomberg"} {
		if !strings.Contains(all, want) {
			t.Errorf("deck SVG lacks %q; its text is %q", want, all)
		}
	}
	// Whole years only on the x axis.
	if strings.Contains(all, "2015.5") || strings.Contains(all, "2,015") {
		t.Errorf("x axis labels are not whole years: %q", all)
	}
}

func TestDeckErrors(t *testing.T) {
	bad := sampleChart()
	bad.Series[0].Y = bad.Series[0].Y[:3]
	if err := WriteDeckPNG(&bytes.Buffer{}, bad, 800, 450); err == nil {
		t.Error("mismatched X and Y accepted")
	}
	bad = sampleChart()
	bad.Series[0].Y[2] = math.NaN()
	if err := WriteDeckSVG(&bytes.Buffer{}, bad, 800, 450); err == nil {
		t.Error("NaN accepted")
	}
	if err := WriteDeckPNG(&bytes.Buffer{}, sampleChart(), 10, 10); err == nil {
		t.Error("a 10×10 deck chart accepted")
	}
	if err := WriteDeckPNG(&bytes.Buffer{}, Chart{}, 400, 300); err != nil {
		t.Errorf("an empty chart: %v", err)
	}
}

func TestYearTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		want   string
	}{
		{2015, 2025, "2015 2016 2017 2018 2019 2020 2021 2022 2023 2024 2025"},
		{2015, 2040, "2015 2020 2025 2030 2035 2040"},
		{2013, 2040, "2015 2020 2025 2030 2035 2040"},
		{2015.5, 2017.2, "2016 2017"},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range yearTicks(c.lo, c.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("yearTicks(%v, %v) = %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}

func BenchmarkDeckPNG(b *testing.B) {
	c := sampleChart()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteDeckPNG(&buf, c, 1600, 900); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDeckSVG(b *testing.B) {
	c := sampleChart()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteDeckSVG(&buf, c, 1600, 900); err != nil {
			b.Fatal(err)
		}
	}
}
