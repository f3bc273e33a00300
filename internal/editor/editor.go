// Package editor runs the user's editor on a card's text.
package editor

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// editSeparator is the line between the front and the back in the file
// the editor opens.
const editSeparator = "---"

// Editor is the user's editor and the streams it runs with.
type Editor struct {
	Command        string // a shell command; the file is its last argument ("" is vi)
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Card writes a card's front and back, a line "---" between them, to a
// temporary file named after id, runs the editor on it and reads back the
// front and the back. A card whose text holds a line "---" is refused, and
// so is a file without one, or with an empty side.
func (e Editor) Card(id, front, back string) (string, string, error) {
	for _, t := range []string{front, back} {
		for _, l := range strings.Split(t, "\n") {
			if strings.TrimSpace(l) == editSeparator {
				return "", "", errors.New("the card's text holds a line \"---\"; edit its deck file instead")
			}
		}
	}
	dir, err := os.MkdirTemp("", "spaced-edit")
	if err != nil {
		return "", "", err
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, id+".md")
	text := front + "\n" + editSeparator + "\n" + back + "\n"
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		return "", "", err
	}
	editor := e.Command
	if editor == "" {
		editor = "vi"
	}
	c := exec.Command("sh", "-c", editor+` "$1"`, "sh", p)
	c.Stdin, c.Stdout, c.Stderr = e.Stdin, e.Stdout, e.Stderr
	if err := c.Run(); err != nil {
		return "", "", fmt.Errorf("the editor %q: %w; the card is unchanged", editor, err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", "", err
	}
	f, k, ok := strings.Cut("\n"+strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"+editSeparator+"\n")
	if !ok {
		return "", "", fmt.Errorf("no line %q between the front and the back; the card is unchanged", editSeparator)
	}
	front, back = strings.TrimSpace(f), strings.TrimSpace(k)
	if front == "" || back == "" {
		return "", "", errors.New("the front or the back is empty; the card is unchanged")
	}
	return front, back, nil
}
