package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"spaced/deck"
)

// maxSourceSize is the largest chapter or deck file read, in bytes.
const maxSourceSize = 64 << 20

// readSource reads a chapter or deck file whole. It refuses, with an error
// naming the path, a missing file, a directory, an empty file and a file over
// maxSourceSize bytes; content checks (binary, UTF-8) are the deck package's.
func readSource(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a chapter or deck file", path)
	}
	if st.Size() > maxSourceSize {
		return nil, fmt.Errorf("%s: file is larger than %d MiB", path, maxSourceSize>>20)
	}
	src, err := io.ReadAll(io.LimitReader(f, maxSourceSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(src) > maxSourceSize {
		return nil, fmt.Errorf("%s: file is larger than %d MiB", path, maxSourceSize>>20)
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, fmt.Errorf("%s: file is empty", path)
	}
	return src, nil
}

// loadDeck returns the deck in the file at path: a deck file is read as it is,
// anything else is compiled as a chapter (name, when not empty, names the
// deck). Compile warnings are printed as they are found.
func (a *app) loadDeck(path, name string) (*deck.Deck, error) {
	src, err := readSource(path)
	if err != nil {
		return nil, err
	}
	return a.parseDeck(path, src, name)
}

// parseDeck is loadDeck for bytes already read.
func (a *app) parseDeck(path string, src []byte, name string) (*deck.Deck, error) {
	if deck.IsDeckFile(src) {
		d, err := deck.Read(bytes.NewReader(src))
		if err != nil {
			return nil, fmt.Errorf("%s:%w", path, err)
		}
		if name != "" {
			d.Name = name
		}
		return d, nil
	}
	d, warnings, err := deck.Compile(path, src, deck.Options{Name: name})
	for _, w := range warnings {
		a.warnf("%s:%d: %s", path, w.Line, w.Msg)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// builtinDeck compiles the chapter that ships with the program.
func (a *app) builtinDeck() (*deck.Deck, error) {
	path, src := deck.Builtin()
	return a.parseDeck(path, src, "")
}

// writeFileAtomic writes a file at path through write: it writes a temporary
// file in the same folder, syncs it and renames it over path only when write
// succeeds, so a failure never leaves a half-written file. The file gets mode
// perm (less the umask).
func writeFileAtomic(path string, perm fs.FileMode, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s: is a directory", path)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: no such folder %s", path, dir)
		}
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("%s: cannot write in %s: permission denied", path, dir)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
