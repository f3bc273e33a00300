package srs

import (
	"context"
	"database/sql"
)

// bulkRows is the least number of cards a write adds for their table's
// secondary indexes to be built after the rows rather than kept up to date
// row by row.
const bulkRows = 5000

// deferIndexes prepares transaction tx for adding n cards. When n is at
// least bulkRows and at least the cards the table holds, it drops the
// cards' secondary indexes and returns a function that builds them again
// from their own definitions, to call once the rows are in: sorting the
// rows once is cheaper than a B-tree insert per row and index, as a dump
// loads. Otherwise the function does nothing. The primary key stays, so an
// ID of another deck is refused as before; the transaction makes the whole
// atomic.
func deferIndexes(ctx context.Context, tx *sql.Tx, n int) (rebuild func() error, err error) {
	none := func() error { return nil }
	if n < bulkRows {
		return none, nil
	}
	var rows int64 // at least the cards the table holds: rowids are never reused below the largest
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(rowid), 0) FROM cards`).Scan(&rows); err != nil {
		return nil, err
	}
	if int64(n) < rows {
		return none, nil
	}
	rs, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cards' AND sql IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rs.Next() {
		var name, def string
		if err := rs.Scan(&name, &def); err != nil {
			rs.Close()
			return nil, err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, def := range defs {
			if _, err := tx.ExecContext(ctx, def); err != nil {
				return err
			}
		}
		return nil
	}, nil
}
