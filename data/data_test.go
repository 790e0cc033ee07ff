package data

import (
	"bytes"
	"testing"
)

func TestEveryFileIsEmbeddedAndCopied(t *testing.T) {
	for _, name := range append(MarketFiles(), TemplateFile) {
		a := File(name)
		if !bytes.Contains(a, []byte("[market]")) {
			t.Errorf("%s does not look like a market file", name)
		}
		a[0] ^= 0xff
		if b := File(name); b[0] == a[0] {
			t.Errorf("%s: changing one copy changed the next", name)
		}
	}
}
