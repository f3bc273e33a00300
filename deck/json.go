package deck

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// WriteJSON writes d as indented JSON (two spaces, HTML characters as
// they are), as encoding/json would write the whole deck, but a card at a
// time: the output of a large chapter is never held in memory.
func WriteJSON(w io.Writer, d *Deck) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	value := func(v any, indent string) ([]byte, error) {
		buf.Reset()
		enc.SetIndent(indent, "  ")
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
	}
	bw.WriteString("{\n")
	for _, f := range []struct {
		key string
		v   string
	}{{"name", d.Name}, {"title", d.Title}, {"source", d.Source}} {
		b, err := value(f.v, "  ")
		if err != nil {
			return err
		}
		bw.WriteString(`  "` + f.key + `": `)
		bw.Write(b)
		bw.WriteString(",\n")
	}
	switch {
	case d.Cards == nil:
		bw.WriteString(`  "cards": null`)
	case len(d.Cards) == 0:
		bw.WriteString(`  "cards": []`)
	default:
		bw.WriteString("  \"cards\": [\n")
		for i := range d.Cards {
			b, err := value(d.Cards[i], "    ")
			if err != nil {
				return err
			}
			bw.WriteString("    ")
			bw.Write(b)
			if i < len(d.Cards)-1 {
				bw.WriteByte(',')
			}
			bw.WriteByte('\n')
		}
		bw.WriteString("  ]")
	}
	if d.Reverse {
		bw.WriteString(",\n  \"reverse\": true")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}
