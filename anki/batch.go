package anki

import (
	"context"
	"database/sql"
	"strings"
)

// batchRows is the number of rows one INSERT of a batch writes.
const batchRows = 64

// batch inserts rows into a table many at a time: one statement of
// batchRows rows, prepared once, and one for the rows left at the end, so
// that a row costs SQLite its work and little else.
type batch struct {
	ctx  context.Context
	tx   *sql.Tx
	head string // "INSERT INTO t VALUES "
	row  string // "(?, ?, -1, ?)"
	full *sql.Stmt
	args []any
	rows int
}

func newBatch(ctx context.Context, tx *sql.Tx, head, row string) (*batch, error) {
	b := &batch{ctx: ctx, tx: tx, head: head, row: row}
	var err error
	b.full, err = tx.PrepareContext(ctx, b.statement(batchRows))
	return b, err
}

// statement returns the INSERT of n rows.
func (b *batch) statement(n int) string {
	return b.head + strings.Repeat(b.row+", ", n-1) + b.row
}

// add adds a row, its values in the order of the row's placeholders.
func (b *batch) add(values ...any) error {
	b.args = append(b.args, values...)
	if b.rows++; b.rows < batchRows {
		return nil
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}

// flush writes the rows not yet written.
func (b *batch) flush() error {
	if b.rows == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(b.ctx, b.statement(b.rows), b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}

func (b *batch) close() {
	if b != nil && b.full != nil {
		b.full.Close()
	}
}
