package tomlfile

import "testing"

func TestKeyLinesNumberTablesUnderArrays(t *testing.T) {
	text := []byte("[[preset]]\nname = \"a\"\n[preset.set]\nx = 1\n[[preset]]\nname = \"b\"\n[preset.set]\nx = 2\ny = { value = 3 }\n[preset.set.z]\nvalue = 4\n")
	lines := KeyLines(text)
	want := map[string]int{"preset.0": 1, "preset.0.set": 3, "preset.0.set.x": 4, "preset.1": 5, "preset.1.name": 6,
		"preset.1.set": 7, "preset.1.set.x": 8, "preset.1.set.y": 9, "preset.1.set.z": 10, "preset.1.set.z.value": 11}
	for k, w := range want {
		if lines[k] != w {
			t.Errorf("%s on line %d, want %d", k, lines[k], w)
		}
	}
}
