package deck

import "testing"

// TestLineBreaks checks the hard breaks of a paragraph's lines as the
// lowering and the finder use them.
func TestLineBreaks(t *testing.T) {
	got := func(h lineBreaks, n int) string {
		s := ""
		for i := range n {
			if h.at(i) {
				s += "h"
			} else {
				s += "s"
			}
		}
		return s
	}
	var h lineBreaks
	if h.hard != nil || got(h, 3) != "sss" || got(h.from(1), 2) != "ss" || got(h.after(), 3) != "sss" {
		t.Fatalf("a paragraph without hard breaks: %q", got(h, 3))
	}
	if h.after().hard != nil || h.from(2).hard != nil {
		t.Error("the soft breaks of a paragraph take memory")
	}
	h.set(1)
	h.set(3)
	for _, c := range []struct {
		name, got, want string
	}{
		{"set", got(h, 5), "shshs"},
		{"from 1", got(h.from(1), 4), "hshs"},
		{"from 4", got(h.from(4), 2), "ss"},
		{"from 9", got(h.from(9), 2), "ss"},
		{"after", got(h.after(), 5), "sshsh"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
	h.clear(3)
	h.clear(7)
	if got(h, 5) != "shsss" {
		t.Errorf("clear: %q", got(h, 5))
	}
}
