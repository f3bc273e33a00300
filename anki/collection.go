package anki

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
)

// The schema versions of collections Open reads: 11 (collection.anki2 and
// .anki21) to 18 (collection.anki21b).
const (
	minSchema = 11
	maxSchema = 18
)

// readCollection reads the notetypes, decks, notes, cards and review log of
// the unpacked collection at path into p.
func (p *Package) readCollection(ctx context.Context, path string) error {
	db, err := openDB(path)
	if err != nil {
		return err
	}
	defer db.Close()
	damaged := func(err error) error {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return fmt.Errorf("the collection is damaged (%s)", strings.ToValidUTF8(err.Error(), "?"))
	}
	var ver int
	if err := db.QueryRowContext(ctx, `SELECT ver, crt FROM col`).Scan(&ver, &p.Crt); err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return fmt.Errorf("the collection is damaged or not Anki's (%s)", strings.ToValidUTF8(err.Error(), "?"))
	}
	// The file is open (the read-only connection stays): it leaves the
	// folder now, so that nothing is left of it whatever ends the process.
	os.Remove(path)
	switch {
	case ver > maxSchema:
		return fmt.Errorf("a collection of a newer Anki (schema %d; this spaced reads %d to %d)", ver, minSchema, maxSchema)
	case ver < minSchema:
		return fmt.Errorf("a collection of an old Anki (schema %d; this spaced reads %d to %d)", ver, minSchema, maxSchema)
	}
	var types map[int64]*Notetype
	var decks map[int64]string
	if ver == 11 {
		types, decks, err = schema11Types(ctx, db)
	} else {
		types, decks, err = schema18Types(ctx, db)
	}
	if err != nil {
		return damaged(err)
	}
	if err := p.readNotes(ctx, db, types); err != nil {
		return damaged(err)
	}
	if err := p.readCards(ctx, db, decks); err != nil {
		return damaged(err)
	}
	return nil
}

// schema11Types reads the notetypes and decks of a schema 11 collection,
// JSON in its col row.
func schema11Types(ctx context.Context, db *sql.DB) (map[int64]*Notetype, map[int64]string, error) {
	var models, decksJSON string
	if err := db.QueryRowContext(ctx, `SELECT models, decks FROM col`).Scan(&models, &decksJSON); err != nil {
		return nil, nil, err
	}
	var ms map[string]struct {
		Name string `json:"name"`
		Type int    `json:"type"`
		Flds []struct {
			Name string `json:"name"`
			Ord  int    `json:"ord"`
		} `json:"flds"`
		Tmpls []struct {
			Ord  int    `json:"ord"`
			Qfmt string `json:"qfmt"`
			Afmt string `json:"afmt"`
		} `json:"tmpls"`
	}
	if err := json.Unmarshal([]byte(models), &ms); err != nil {
		return nil, nil, fmt.Errorf("notetypes: %v", err)
	}
	types := make(map[int64]*Notetype, len(ms))
	for id, m := range ms {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("notetype ID %q", id)
		}
		t := &Notetype{Name: m.Name, Cloze: m.Type == 1}
		for _, f := range m.Flds {
			t.Fields = setAt(t.Fields, f.Ord, f.Name)
		}
		for _, tm := range m.Tmpls {
			t.Templates = setAt(t.Templates, tm.Ord, Template{Q: tm.Qfmt, A: tm.Afmt})
		}
		types[n] = t
	}
	var ds map[string]struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(decksJSON), &ds); err != nil {
		return nil, nil, fmt.Errorf("decks: %v", err)
	}
	decks := make(map[int64]string, len(ds))
	for id, d := range ds {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("deck ID %q", id)
		}
		decks[n] = d.Name
	}
	return types, decks, nil
}

// setAt returns s with s[i] = v, grown as needed; an index out of any
// sensible range is ignored.
func setAt[T any](s []T, i int, v T) []T {
	if i < 0 || i > 1000 {
		return s
	}
	for len(s) <= i {
		var zero T
		s = append(s, zero)
	}
	s[i] = v
	return s
}

// schema18Types reads the notetypes and decks of a collection in the
// current schema: tables notetypes, fields, templates and decks, with
// protobuf configurations.
func schema18Types(ctx context.Context, db *sql.DB) (map[int64]*Notetype, map[int64]string, error) {
	types := map[int64]*Notetype{}
	err := eachRow(ctx, db, `SELECT id, name, config FROM notetypes`, func(r *sql.Rows) error {
		var id int64
		var name string
		var config []byte
		if err := r.Scan(&id, &name, &config); err != nil {
			return err
		}
		t := &Notetype{Name: name}
		walkProto(config, func(num protowire.Number, typ protowire.Type, _ []byte, n uint64) {
			if num == 1 && typ == protowire.VarintType {
				t.Cloze = n == 1
			}
		})
		types[id] = t
		return nil
	})
	if err == nil {
		err = eachRow(ctx, db, `SELECT ntid, ord, name FROM fields`, func(r *sql.Rows) error {
			var id int64
			var ord int
			var name string
			if err := r.Scan(&id, &ord, &name); err != nil {
				return err
			}
			if t := types[id]; t != nil {
				t.Fields = setAt(t.Fields, ord, name)
			}
			return nil
		})
	}
	if err == nil {
		err = eachRow(ctx, db, `SELECT ntid, ord, config FROM templates`, func(r *sql.Rows) error {
			var id int64
			var ord int
			var config []byte
			if err := r.Scan(&id, &ord, &config); err != nil {
				return err
			}
			var tm Template
			walkProto(config, func(num protowire.Number, typ protowire.Type, val []byte, _ uint64) {
				switch {
				case num == 1 && typ == protowire.BytesType:
					tm.Q = string(val)
				case num == 2 && typ == protowire.BytesType:
					tm.A = string(val)
				}
			})
			if t := types[id]; t != nil {
				t.Templates = setAt(t.Templates, ord, tm)
			}
			return nil
		})
	}
	decks := map[int64]string{}
	if err == nil {
		err = eachRow(ctx, db, `SELECT id, name FROM decks`, func(r *sql.Rows) error {
			var id int64
			var name string
			err := r.Scan(&id, &name)
			decks[id] = strings.ReplaceAll(name, "\x1f", "::")
			return err
		})
	}
	return types, decks, err
}

// eachRow runs query on db and calls fn for each row.
func eachRow(ctx context.Context, db *sql.DB, query string, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readNotes reads the notes of the collection, in ID order.
func (p *Package) readNotes(ctx context.Context, db *sql.DB, types map[int64]*Notetype) error {
	unknown := &Notetype{Name: ""}
	err := eachRow(ctx, db, `SELECT id, guid, mid, mod, tags, flds, data FROM notes ORDER BY id`, func(r *sql.Rows) error {
		var n Note
		var mid int64
		var tags, flds, data string
		if err := r.Scan(&n.ID, &n.GUID, &mid, &n.Mod, &tags, &flds, &data); err != nil {
			return err
		}
		if strings.HasPrefix(data, `{"spaced":`) {
			var d noteData
			if json.Unmarshal([]byte(data), &d) == nil {
				n.Kind, n.Section, n.Line, n.cards = string(d.Spaced.Kind), d.Spaced.Section, d.Spaced.Line, d.Spaced.Cards
			}
		}
		if n.Type = types[mid]; n.Type == nil {
			n.Type = unknown
		}
		n.Fields = strings.Split(flds, "\x1f")
		n.Tags = strings.Fields(tags)
		p.Notes = append(p.Notes, n)
		return nil
	})
	if err == nil {
		// A package of spaced lists its notes in deck order by line.
		slices.SortStableFunc(p.Notes, func(a, b Note) int { return cmp.Compare(a.Line, b.Line) })
	}
	return err
}

// readCards reads the cards and the review log of the collection onto
// their notes.
func (p *Package) readCards(ctx context.Context, db *sql.DB, decks map[int64]string) error {
	byID := make(map[int64]int, len(p.Notes))
	for i := range p.Notes {
		byID[p.Notes[i].ID] = i
	}
	cardAt := map[int64][2]int{} // card ID → note index, card index
	err := eachRow(ctx, db, `SELECT id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, lapses FROM cards ORDER BY nid, ord`,
		func(r *sql.Rows) error {
			var c Card
			var nid, did, odid int64
			var odue int
			if err := r.Scan(&c.ID, &nid, &did, &odid, &c.Ord, &c.Type, &c.Queue, &c.Due, &odue, &c.Ivl, &c.Factor, &c.Lapses); err != nil {
				return err
			}
			i, ok := byID[nid]
			if !ok {
				return nil // a card without its note
			}
			if odid != 0 { // in a filtered deck: its home deck and due
				did, c.Due = odid, odue
			}
			c.Deck = decks[did]
			if c.Deck == "" {
				c.Deck = "Default"
			}
			n := &p.Notes[i]
			cardAt[c.ID] = [2]int{i, len(n.Cards)}
			n.Cards = append(n.Cards, c)
			return nil
		})
	if err != nil {
		return err
	}
	return eachRow(ctx, db, `SELECT id, cid, ease, ivl, lastIvl, factor, type FROM revlog ORDER BY cid, id`, func(r *sql.Rows) error {
		var l Revlog
		var cid int64
		if err := r.Scan(&l.ID, &cid, &l.Ease, &l.Ivl, &l.LastIvl, &l.Factor, &l.Type); err != nil {
			return err
		}
		if at, ok := cardAt[cid]; ok {
			c := &p.Notes[at[0]].Cards[at[1]]
			c.Revlog = append(c.Revlog, l)
		}
		return nil
	})
}
