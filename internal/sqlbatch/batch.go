// Package sqlbatch inserts many rows into an SQLite table in few
// statements.
package sqlbatch

import (
	"context"
	"database/sql"
	"strings"
)

// Rows is the number of rows one INSERT of a batch writes (at 64, a row of
// up to 500 values stays under SQLite's limit of 32,766 placeholders).
const Rows = 64

// Batch inserts rows into a table many at a time: one statement of Rows
// rows, prepared once, and one for the rows left at the end, so that a row
// costs SQLite its work and little else.
type Batch struct {
	ctx  context.Context
	tx   *sql.Tx
	head string // "INSERT INTO t VALUES "
	row  string // "(?, ?, -1, ?)"
	full *sql.Stmt
	args []any
	rows int
}

// New returns a batch of transaction tx: head is the statement's start
// ("INSERT INTO t VALUES "), row a row's values ("(?, ?, -1, ?)").
func New(ctx context.Context, tx *sql.Tx, head, row string) (*Batch, error) {
	b := &Batch{ctx: ctx, tx: tx, head: head, row: row}
	var err error
	b.full, err = tx.PrepareContext(ctx, b.statement(Rows))
	return b, err
}

// statement returns the INSERT of n rows.
func (b *Batch) statement(n int) string {
	return b.head + strings.Repeat(b.row+", ", n-1) + b.row
}

// Add adds a row, its values in the order of the row's placeholders, and
// writes the batch when it is full; an error is that of the batch's rows.
func (b *Batch) Add(values ...any) error {
	b.args = append(b.args, values...)
	if b.rows++; b.rows < Rows {
		return nil
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}

// Len returns the number of rows added and not yet written.
func (b *Batch) Len() int { return b.rows }

// Flush writes the rows not yet written.
func (b *Batch) Flush() error {
	if b.rows == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(b.ctx, b.statement(b.rows), b.args...)
	b.args, b.rows = b.args[:0], 0
	return err
}

// Close releases the batch's statement.
func (b *Batch) Close() {
	if b != nil && b.full != nil {
		b.full.Close()
	}
}
