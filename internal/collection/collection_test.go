package collection

import (
	"testing"
)

func TestPath(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		db     string
		set    bool
		getenv func(string) string
		want   string // "" for an error
	}{
		{"c.db", true, env("HOME", "/home/u"), "c.db"},
		{"", true, env("HOME", "/home/u"), ""},
		{"", false, env("HOME", "/home/u"), "/home/u/.local/share/spaced/collection.db"},
		{"", false, env("HOME", "/home/u", "XDG_DATA_HOME", "/data"), "/data/spaced/collection.db"},
		{"", false, env("HOME", "/home/u", "XDG_DATA_HOME", "data"), "/home/u/.local/share/spaced/collection.db"},
		{"", false, env("HOME", "home"), ""},
		{"", false, env(), ""},
	} {
		got, err := Path(tc.db, tc.set, tc.getenv)
		if tc.want == "" && err == nil || tc.want != "" && got != tc.want {
			t.Errorf("Path(%q, %v) = %q, %v; want %q", tc.db, tc.set, got, err, tc.want)
		}
	}
}
