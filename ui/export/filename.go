package export

import (
	"strings"
	"time"
)

// FileName names an export: view, scenario and the time, slugged to
// [a-z0-9-], then the extension, e.g. "dashboard-base-20261127-114205.png".
// An empty (or unsluggable) scenario is left out; ext may be given with or
// without its dot. The time is written in t's own location.
func FileName(view, scenario string, t time.Time, ext string) string {
	parts := make([]string, 0, 3)
	if v := slug(view); v != "" {
		parts = append(parts, v)
	} else {
		parts = append(parts, "view")
	}
	if s := slug(scenario); s != "" {
		parts = append(parts, s)
	}
	parts = append(parts, t.Format("20060102-150405"))
	name := strings.Join(parts, "-")
	if ext = slug(strings.TrimPrefix(ext, ".")); ext != "" {
		name += "." + ext
	}
	return name
}

// maxSlug keeps a long scenario name from making an unwieldy file name.
const maxSlug = 48

// slug lowercases s and turns every run of characters outside [a-z0-9]
// into one hyphen, trimmed at both ends, at most maxSlug bytes.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			if b.Len() == maxSlug {
				break
			}
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}
