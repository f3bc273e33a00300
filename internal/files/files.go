// Package files reads the files spaced is given and writes the files it
// makes, so that a failure or a signal never leaves a half-written file.
package files

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
)

// MaxSourceSize is the largest chapter or deck file read, in bytes.
const MaxSourceSize = 64 << 20

// Read reads a chapter or deck file whole. It refuses, with an error
// naming the path, a missing file, a directory, an empty file and a file over
// MaxSourceSize bytes; content checks (binary, UTF-8) are the deck package's.
func Read(path string) ([]byte, error) {
	var buf bytes.Buffer
	if err := read(path, &buf); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(buf.Bytes())) == 0 {
		return nil, fmt.Errorf("%s: file is empty", path)
	}
	return buf.Bytes(), nil
}

// ReadText is Read returning a string, read into it without a copy: a
// chapter's text is held once.
func ReadText(path string) (string, error) {
	var b strings.Builder
	if err := read(path, &b); err != nil {
		return "", err
	}
	if strings.TrimSpace(b.String()) == "" {
		return "", fmt.Errorf("%s: file is empty", path)
	}
	return b.String(), nil
}

// memoryLimit is the soft memory limit set so far (see Read).
var memoryLimit int64

// budget raises the soft memory limit of the process (debug.SetMemoryLimit)
// to a base of 64 MiB and 3.5 bytes for each byte of the sources read: the
// collector then works harder as a large chapter's structures grow,
// instead of letting the heap double past them. A limit is no cap: work
// that needs more memory still gets it.
func budget(n int) { Budget(7 * int64(n) / 2) }

// Budget raises the soft memory limit of the process by n bytes over its
// base of 64 MiB (see budget): for work whose structures grow with a file
// that is not read whole, such as an export of a collection of n bytes.
func Budget(n int64) {
	memoryLimit += n
	debug.SetMemoryLimit(64<<20 + memoryLimit)
}

// read reads the file at path whole into buf, up to MaxSourceSize bytes.
func read(path string, buf interface {
	io.Writer
	Grow(n int)
	Len() int
}) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: no such file", path)
		}
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s: is a directory, not a chapter or deck file", path)
	}
	if st.Size() > MaxSourceSize {
		return fmt.Errorf("%s: file is larger than %d MiB", path, MaxSourceSize>>20)
	}
	// Sized from the file's size, the buffer grows no more for a regular
	// file; a pipe or a device grows it as io.ReadAll would.
	buf.Grow(int(st.Size()) + bytes.MinRead)
	if _, err := io.Copy(buf, io.LimitReader(f, MaxSourceSize+1)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if buf.Len() > MaxSourceSize {
		return fmt.Errorf("%s: file is larger than %d MiB", path, MaxSourceSize>>20)
	}
	budget(buf.Len())
	return nil
}

// umask is the process's file mode creation mask, read once at start (the
// only way to read it sets it, so it is put back at once).
var umask = func() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}()

// ReadOld reads the file at path that a command is about to replace, such
// as the deck file of compile -o: nil when there is none, or when it is
// blank or a special file (/dev/null). A file over MaxSourceSize is
// refused.
func ReadOld(path string) ([]byte, error) {
	if st, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) || err == nil && !st.Mode().IsRegular() {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := read(path, &buf); err != nil || len(bytes.TrimSpace(buf.Bytes())) == 0 {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the file at path through write, so that a failure
// never leaves a half-written file:
//
//   - a new or regular file is written as a temporary file in the same
//     folder, synced and renamed over path only when write succeeds; an
//     existing file keeps its mode, a new one gets perm less the umask;
//   - a symbolic link is followed: the file it points to is replaced;
//   - an existing special file (a device such as /dev/null, a FIFO) is
//     written in place, since it cannot be replaced;
//   - when ctx is done (a signal) before the file is in place, the writes
//     fail, the temporary file is removed and the error is ctx's cause.
func Write(ctx context.Context, path string, perm fs.FileMode, write func(w io.Writer) error) (err error) {
	if li, err := os.Lstat(path); err == nil && li.Mode()&os.ModeSymlink != 0 {
		// Follow the link, even one whose target does not exist yet.
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real
		} else if target, err := os.Readlink(path); err == nil {
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(path), target)
			}
			path = target
		}
	}
	mode := perm &^ umask
	if st, err := os.Stat(path); err == nil {
		switch {
		case st.IsDir():
			return fmt.Errorf("%s: is a directory", path)
		case !st.Mode().IsRegular():
			return writeInPlace(ctx, path, write)
		}
		mode = st.Mode().Perm()
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("%s: no such folder %s", path, dir)
		case errors.Is(err, fs.ErrPermission):
			return fmt.Errorf("%s: cannot write in %s: permission denied", path, dir)
		case errors.As(err, &pe):
			return fmt.Errorf("%s: %w", path, pe.Err)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	placed := false
	defer func() {
		// On any error, and on a panic in write, the temporary file goes.
		if !placed {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(ctxWriter{ctx, f}); err != nil {
		return err
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	placed = true
	return nil
}

// ctxWriter is a writer whose writes fail, with the cause of ctx, once ctx
// is done: a signal stops an export between two writes.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, context.Cause(c.ctx)
	}
	return c.w.Write(p)
}

// writeInPlace writes a special file (a device, a FIFO) that cannot be
// replaced by a rename.
func writeInPlace(ctx context.Context, path string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := write(ctxWriter{ctx, f}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Same reports whether the paths a and b name one existing file.
func Same(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// AnkiExport reports whether the file at path is a text export for Anki
// (its first line "#separator:", "#html:" or "#notetype:", as export anki
// writes), and returns that line.
func AnkiExport(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	head := make([]byte, 128)
	n, _ := io.ReadFull(f, head)
	first, _, _ := strings.Cut(strings.TrimPrefix(string(head[:n]), "\uFEFF"), "\n")
	for _, h := range []string{"#separator:", "#html:", "#notetype:"} {
		if strings.HasPrefix(first, h) {
			return first, true
		}
	}
	return "", false
}

// MaxMediaSize is the largest image CopyMedia copies, in bytes.
const MaxMediaSize = 64 << 20

// CopyMedia copies the file src into the folder dir (Anki's
// collection.media) under its MediaName, so that two images of one name
// never overwrite each other and copying one again changes nothing. It
// returns the name.
func CopyMedia(ctx context.Context, dir, src string) (string, error) {
	data, err := readMedia(src)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	name := mediaName(sum[:], src)
	dst := filepath.Join(dir, name)
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
		return name, nil
	}
	return name, Write(ctx, dst, 0o644, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// MediaName returns the name an image gets in Anki's media folder or a
// package: the first ten hex digits of the SHA-256 of its content, "-" and
// its base name ("3f2a9c01d4-fanout.png").
func MediaName(src string) (string, error) {
	data, err := readMedia(src)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return mediaName(sum[:], src), nil
}

func mediaName(sum []byte, src string) string {
	return hex.EncodeToString(sum[:5]) + "-" + filepath.Base(src)
}

// readMedia reads the image at src: a regular file of at most
// MaxMediaSize bytes.
func readMedia(src string) ([]byte, error) {
	f, err := os.Open(src)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("no such file")
		}
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxMediaSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxMediaSize {
		return nil, fmt.Errorf("larger than %d MiB", MaxMediaSize>>20)
	}
	return data, nil
}
