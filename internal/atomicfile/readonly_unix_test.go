//go:build unix

package atomicfile

import (
	"io"
	"io/fs"
	"os"
	"syscall"
	"testing"
	"time"
)

type fakeInfo struct {
	perm fs.FileMode
	st   syscall.Stat_t
}

func (f fakeInfo) Name() string       { return "f" }
func (f fakeInfo) Size() int64        { return 0 }
func (f fakeInfo) Mode() fs.FileMode  { return f.perm }
func (f fakeInfo) ModTime() time.Time { return time.Time{} }
func (f fakeInfo) IsDir() bool        { return false }
func (f fakeInfo) Sys() any           { return &f.st }

// ReadOnly reads the bits that apply to this process's user: the owner's,
// the group's or the others'. A root-owned 0600 file in a 0777 folder is
// read-only for anyone else (render -o replaced it as another user), and a
// 0444 file is read-only even for its owner and for root.
func TestReadOnlyByModeBits(t *testing.T) {
	me, myGroup := uint32(os.Getuid()), uint32(os.Getgid())
	stranger := me + 12345
	strangerGroup := myGroup + 12345
	if groups, _ := os.Getgroups(); len(groups) > 0 {
		for _, g := range groups {
			if uint32(g) == strangerGroup {
				t.Skip("the made-up group is one of ours")
			}
		}
	}
	for _, c := range []struct {
		name     string
		perm     fs.FileMode
		uid, gid uint32
		want     bool
	}{
		{"mine 0644", 0o644, me, myGroup, false},
		{"mine 0444", 0o444, me, myGroup, true},
		{"another's 0600", 0o600, stranger, strangerGroup, true},
		{"another's 0666", 0o666, stranger, strangerGroup, false},
		{"my group's 0660", 0o660, stranger, myGroup, false},
		{"my group's 0640", 0o640, stranger, myGroup, true},
		{"mine 0466 (owner bits rule)", 0o466, me, myGroup, true},
	} {
		info := fakeInfo{perm: c.perm, st: syscall.Stat_t{Uid: c.uid, Gid: c.gid}}
		if got := ReadOnly(info); got != c.want {
			t.Errorf("%s: read-only %v, want %v", c.name, got, c.want)
		}
	}
}

// Write with RefuseReadOnly keeps a 0444 file, even as root.
func TestWriteRefusesAReadOnlyFile(t *testing.T) {
	p := t.TempDir() + "/ro.png"
	os.WriteFile(p, []byte("kept"), 0o444)
	err := Write(p, Options{RefuseReadOnly: true}, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err })
	if got, _ := os.ReadFile(p); err == nil || string(got) != "kept" {
		t.Errorf("err %v, file %q", err, got)
	}
}
