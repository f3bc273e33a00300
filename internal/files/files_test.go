package files

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}

	// A new file gets perm; a rewrite keeps the file's own mode.
	p := filepath.Join(dir, "out.csv")
	if err := Write(context.Background(), p, 0o644, write("one")); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o600)
	if err := Write(context.Background(), p, 0o644, write("two")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("rewritten file has mode %v, want 0600 kept", st.Mode().Perm())
	}

	// A symbolic link is followed: its target is replaced, the link stays.
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), link, 0o644, write("three")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(p); string(b) != "three" {
		t.Errorf("link target holds %q, want %q", b, "three")
	}

	// A link whose target does not exist yet gets its target written.
	dangling := filepath.Join(dir, "dangling.csv")
	os.Symlink("later.csv", dangling)
	if err := Write(context.Background(), dangling, 0o644, write("four")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "later.csv")); string(b) != "four" {
		t.Errorf("dangling link's target holds %q, want %q", b, "four")
	}
	if st, _ := os.Lstat(dangling); st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the dangling link was replaced by a file")
	}

	// A special file is written in place and survives.
	if err := Write(context.Background(), os.DevNull, 0o644, write("x")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(os.DevNull); st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device", os.DevNull)
	}

	// A failed write leaves the old file and no temporary file.
	if err := Write(context.Background(), p, 0o644, func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("boom") }); err == nil {
		t.Fatal("a failing write succeeded")
	}
	if b, _ := os.ReadFile(p); string(b) != "three" {
		t.Errorf("after a failed write the file holds %q, want %q", b, "three")
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// A signal (a cancelled context) during the writes leaves the old file as
// it was and no temporary file behind, and the error is the cause.
func TestWriteCancelled(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	sig := errors.New("interrupted")
	err := Write(ctx, p, 0o644, func(w io.Writer) error {
		if _, err := io.WriteString(w, "half"); err != nil {
			return err
		}
		cancel(sig)
		_, err := io.WriteString(w, "rest")
		return err
	})
	if err != sig {
		t.Errorf("Write = %v, want the cause %v", err, sig)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("file = %q, want the old content", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files in the folder, want only the old one", len(ents))
	}
}

// A new file gets perm less the umask, as a file the shell makes would.
func TestWriteUmask(t *testing.T) {
	old := umask
	defer func() { umask = old }()
	umask = 0o077
	p := filepath.Join(t.TempDir(), "out.csv")
	if err := Write(context.Background(), p, 0o644, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v under umask 077, want 0600", st.Mode().Perm())
	}
}
