// Package tomlfile holds what reading market and scenario files shares:
// reading a regular file of bounded size without blocking, strict TOML
// decoding with errors that name the line, each key's line and column,
// the file-located error type, and making text from a file safe to show
// on a terminal.
package tomlfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"syscall"

	"github.com/pelletier/go-toml/v2"
)

// FileError locates a problem in a market or scenario file:
// "file:line: field: what is wrong".
type FileError struct {
	File  string
	Line  int // 0 when the problem is the file as a whole
	Col   int // the column in the line, for a formula; 0 for none
	Field string
	Msg   string
	Err   error // what kind of problem, for errors.Is (ErrOtherMarket); may be nil
}

func (e *FileError) Unwrap() error { return e.Err }

// Error is one line; the file name, the field and the message come from
// files and folders, so their control characters are shown escaped.
func (e *FileError) Error() string { return EscapeControls(e.message()) }

func (e *FileError) message() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// UnwrapPathError is the bare cause of an *os.PathError ("no such file or
// directory"), for messages that name the path their own way.
func UnwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// BOM, the UTF-8 byte order mark, starts some files written on Windows; it
// is skipped, not an error.
var BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadRegular reads a file that should be a market or a scenario,
// refusing what cannot be one before reading it: a folder, a device, a
// FIFO or a socket (reading which could block or never end), or anything
// over limit bytes. what names the expected file in the sentence ("a
// market file"). The file is opened without blocking and checked again
// once open, so a file swapped for a FIFO in between cannot hang the read,
// and the read itself stops after limit bytes whatever the size said.
func ReadRegular(path string, limit int64, what string) ([]byte, error) {
	fail := func(format string, args ...any) error {
		return &FileError{File: path, Msg: fmt.Sprintf(format, args...)}
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, &FileError{File: path, Msg: UnwrapPathError(err).Error() + "; give the path of " + what, Err: err}
	}
	if msg := notRegular(info, what); msg != "" {
		return nil, fail("%s", msg)
	}
	if info.Size() > limit {
		return nil, fail("is %d bytes; %s is at most %d MiB, so give a smaller file", info.Size(), what, limit>>20)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &FileError{File: path, Msg: UnwrapPathError(err).Error(), Err: err}
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil {
		if msg := notRegular(info, what); msg != "" {
			return nil, fail("%s", msg)
		}
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &FileError{File: path, Msg: UnwrapPathError(err).Error(), Err: err}
	}
	if int64(len(b)) > limit {
		return nil, fail("is over %d bytes; %s is at most %d MiB, so give a smaller file", limit, what, limit>>20)
	}
	return b, nil
}

// notRegular says why a file is not one to read, "" when it is regular.
func notRegular(info fs.FileInfo, what string) string {
	mode := info.Mode()
	var kind string
	switch {
	case mode.IsRegular():
		return ""
	case mode.IsDir():
		kind = "a folder"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	default:
		kind = "a special file"
	}
	return fmt.Sprintf("is %s, not %s; give the path of a regular file", kind, what)
}

// DecodeStrict decodes TOML, refusing unknown fields, and turns the
// decoder's errors into FileErrors with a line.
func DecodeStrict(name string, text []byte, v any) error {
	if line, field, msg, found := firstUnknownKey(text, reflect.TypeOf(v)); found {
		return &FileError{File: name, Line: line, Field: field, Msg: msg}
	}
	dec := toml.NewDecoder(strings.NewReader(string(text)))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return nil
	}
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		e := strict.Errors[0]
		line, _ := e.Position()
		return &FileError{File: name, Line: line, Field: strings.Join(e.Key(), "."), Msg: unknownFieldMsg}
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		return &FileError{File: name, Line: line, Field: strings.Join(de.Key(), "."), Msg: cleanTOMLMessage(de.Error())}
	}
	return &FileError{File: name, Msg: cleanTOMLMessage(err.Error())}
}

const unknownFieldMsg = "is not a field sizeup knows; check the spelling"

func cleanTOMLMessage(s string) string {
	s = strings.TrimPrefix(s, "toml: ")
	if i := strings.Index(s, "cannot decode TOML "); i >= 0 {
		// "cannot decode TOML string into struct field markets.inputFile.Default of type *float64"
		rest := s[i+len("cannot decode TOML "):]
		got, _, _ := strings.Cut(rest, " ")
		// Only the type after "of type" says what was wanted: the kind that
		// was found ("integer") must not be read as the wanted "int".
		typ := rest
		if j := strings.LastIndex(rest, " of type "); j >= 0 {
			typ = rest[j+len(" of type "):]
		}
		want := "a different type"
		switch {
		case strings.HasPrefix(strings.TrimLeft(typ, "*"), "[]"):
			want = "a list"
		case strings.Contains(typ, "map["):
			want = "a table"
		case strings.Contains(typ, "float"), strings.Contains(typ, "int"):
			want = "a number"
		case strings.Contains(typ, "string"):
			want = "text in quotes"
		}
		return fmt.Sprintf("is %s but should be %s", article(got), want)
	}
	return s
}

func article(kind string) string {
	switch kind {
	case "integer", "array", "inline":
		return "an " + kind
	}
	return "a " + kind
}
