package output

import (
	"strings"
	"testing"
)

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain text":                 "plain text",
		"two\nlines\tand a tab":      "two\nlines\tand a tab",
		"\x1b]0;title\x07":           "␛]0;title␇",
		"\x1b[2J clear":              "␛[2J clear",
		"nul\x00":                    "nul␀",
		"del\x7f":                    "del␡",
		"csi \u009b31m":              "csi <U+009B>31m",
		"osc52 \x1b]52;c;aGk=\x1b\\": "osc52 ␛]52;c;aGk=␛\\",
		"é ✓ 漢字":                     "é ✓ 漢字",
		"\r":                         "␍",
	} {
		got := Safe(in)
		if got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, "\x1b\x07\x00\x7f\u009b\r") {
			t.Errorf("Safe(%q) = %q still holds a control", in, got)
		}
	}
}

func TestSafeKeepsBytes(t *testing.T) {
	in := "bad \xff utf-8 \xc2 end\x1b"
	if got, want := Safe(in), "bad \xff utf-8 \xc2 end␛"; got != want {
		t.Errorf("Safe(%q) = %q, want %q", in, got, want)
	}
	var b strings.Builder
	w := SafeWriter{&b}
	if n, err := w.Write([]byte("a\x07b\n")); n != 4 || err != nil || b.String() != "a␇b\n" {
		t.Errorf("SafeWriter wrote %q (%d, %v)", b.String(), n, err)
	}
}

// FuzzSafe checks that Safe leaves no control character but line breaks
// and tabs, changes text without one not at all, and keeps every other
// byte in order.
func FuzzSafe(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]0;t\x07", "a\u009bb", "\xc2", "\xff\x00\xc2\x85"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Safe(s)
		if unsafeAt(got) >= 0 {
			t.Fatalf("Safe(%q) = %q holds a control", s, got)
		}
		if unsafeAt(s) < 0 && got != s {
			t.Fatalf("Safe(%q) = %q changed safe text", s, got)
		}
	})
}
