package ankicmd

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"spaced/anki"
)

// mediaStage holds the media files of an import until the collection has
// its cards: each is copied into a private folder beside the collection
// first, and moved into the media folder only after the import committed,
// so a failed import leaves no file behind. A file never replaces another:
// one of the same name and other content (or a link, a device) is kept,
// and the new file takes a name with its content's hash.
type mediaStage struct {
	folder string // the media folder
	dir    string // the staging folder, made on first use
	moves  [][2]string
}

// add copies media file m of package p into the stage and returns the
// path the cards are to name it by.
func (ms *mediaStage) add(p *anki.Package, m anki.MediaFile) (string, error) {
	if ms.dir == "" {
		dir, err := os.MkdirTemp(filepath.Dir(ms.folder), ".spaced-import-media-*")
		if err != nil {
			return "", err
		}
		ms.dir = dir
	}
	staged := filepath.Join(ms.dir, fmt.Sprint(len(ms.moves)))
	f, err := os.OpenFile(staged, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	err = p.CopyMedia(io.MultiWriter(f, h), m)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	sum := h.Sum(nil)
	dst := filepath.Join(ms.folder, m.Name)
	if same, taken := sameFile(dst, sum); same {
		return dst, nil
	} else if taken {
		ext := filepath.Ext(m.Name)
		dst = filepath.Join(ms.folder, strings.TrimSuffix(m.Name, ext)+"-"+hex.EncodeToString(sum[:4])+ext)
		if same, taken := sameFile(dst, sum); same {
			return dst, nil
		} else if taken {
			return "", fmt.Errorf("media %s: %s is taken by another file", m.Name, dst)
		}
	}
	ms.moves = append(ms.moves, [2]string{staged, dst})
	return dst, nil
}

// sameFile reports whether path is a regular file whose content has the
// SHA-256 sum, and whether path is taken (by any file, link or folder).
func sameFile(path string, sum []byte) (same, taken bool) {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, false
	}
	if err != nil || !st.Mode().IsRegular() {
		return false, true
	}
	f, err := os.Open(path)
	if err != nil {
		return false, true
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false, true
	}
	return bytes.Equal(h.Sum(nil), sum), true
}

// commit moves the staged files into the media folder.
func (ms *mediaStage) commit() error {
	if len(ms.moves) == 0 {
		return nil
	}
	if err := os.MkdirAll(ms.folder, 0o700); err != nil {
		return err
	}
	for _, mv := range ms.moves {
		if err := os.Rename(mv[0], mv[1]); err != nil {
			return err
		}
	}
	return nil
}

// clean removes the staging folder and what is left in it.
func (ms *mediaStage) clean() {
	if ms.dir != "" {
		os.RemoveAll(ms.dir)
	}
}
