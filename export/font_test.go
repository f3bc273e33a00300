package export

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// withTable returns a copy of the font data with f applied to the bytes of
// one of its tables.
func withTable(t *testing.T, data []byte, tag string, f func([]byte)) []byte {
	t.Helper()
	out := bytes.Clone(data)
	tables, err := tableDirectory(out)
	if err != nil {
		t.Fatal(err)
	}
	tb, ok := tables[tag]
	if !ok {
		t.Fatalf("no %s table", tag)
	}
	f(tb)
	return out
}

func TestParseFont(t *testing.T) {
	if _, err := ParseFont(goregular.TTF); err != nil {
		t.Errorf("ParseFont(goregular) = %v", err)
	}
	restricted := withTable(t, goregular.TTF, "OS/2", func(b []byte) { binary.BigEndian.PutUint16(b[8:], 0x0002) })
	noCmap4 := withTable(t, goregular.TTF, "cmap", func(b []byte) {
		n := int(binary.BigEndian.Uint16(b[2:]))
		for i := range n {
			off := binary.BigEndian.Uint32(b[4+8*i+4:])
			if binary.BigEndian.Uint16(b[off:]) == 4 {
				binary.BigEndian.PutUint16(b[4+8*i:], 1) // a Macintosh subtable now
				binary.BigEndian.PutUint16(b[4+8*i+2:], 0)
			}
		}
	})
	renamed := bytes.Clone(goregular.TTF)
	if i := bytes.Index(renamed[:12+16*40], []byte("glyf")); i > 0 {
		copy(renamed[i:], "xxxx")
	}
	for _, tc := range []struct {
		name string
		data []byte
		is   error
		want string
	}{
		{"empty", nil, nil, "not a font file"},
		{"text", []byte("just some words, not a font\n"), nil, "not a TrueType font file"},
		{"cff", append([]byte("OTTO"), make([]byte, 100)...), ErrFontCFF, ".otf"},
		{"collection", append([]byte("ttcf"), make([]byte, 100)...), ErrFontCollection, ".ttc"},
		{"truncated", goregular.TTF[:2000], nil, "not a usable TrueType font"},
		{"header only", goregular.TTF[:12], nil, "not a usable TrueType font"},
		{"restricted", restricted, nil, "does not allow embedding"},
		{"no format 4 cmap", noCmap4, nil, "format 4"},
		{"no glyf", renamed, nil, "not a usable TrueType font"},
	} {
		_, err := ParseFont(tc.data)
		if err == nil || tc.is != nil && !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseFont(%s) = %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}

// TestDrawFontsUnchanged checks that exporting leaves the shared Go font
// bytes as they were: the PDF library writes into the bytes it is given.
func TestDrawFontsUnchanged(t *testing.T) {
	before := make([][]byte, len(faceData))
	for i, d := range faceData {
		before[i] = bytes.Clone(d)
	}
	var buf bytes.Buffer
	if _, err := CheatSheet(&buf, testCards(20), PDFOptions{}); err != nil {
		t.Fatal(err)
	}
	for i, d := range faceData {
		if !bytes.Equal(d, before[i]) {
			t.Errorf("%s changed by an export", faceNames[i])
		}
	}
}

// FuzzParseFont checks that any bytes give a font or an error, never a
// panic: --font reads whatever file it is given.
func FuzzParseFont(f *testing.F) {
	f.Add(goregular.TTF)
	f.Add([]byte("OTTO"))
	f.Add([]byte{0, 1, 0, 0, 0, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseFont(data)
	})
}
