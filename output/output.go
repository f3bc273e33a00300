// Package output writes what the commands of spaced print about the
// collection: the tables of due, cards and decks, the text of info, stats,
// grade and undo, and the JSON documents of --json, whose shapes
// docs/json.md describes. Each writer takes the values of package srs as
// they are; none reads a flag or the collection.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"spaced/srs"
)

// JSON writes v as indented JSON, without escaping HTML characters.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonDay returns d as a JSON date, or nil (null) for the zero day.
func jsonDay(d srs.Day) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// OneLine returns text on one line for a table: safe to print (Safe), its
// line breaks and tabs turned into single spaces.
func OneLine(s string) string {
	return strings.Join(strings.Fields(Safe(s)), " ")
}

// EF writes an E-Factor in hundredths as a decimal number (2.50).
func EF(h int) string { return fmt.Sprintf("%d.%02d", h/100, h%100) }

// inDays says n days from now in words: "in 1 day", "in 6 days".
func inDays(n int) string {
	return "in " + Plural(n, "day")
}

// ItemState is a card's state in one word: new, review or retired.
func ItemState(it srs.Item) string {
	switch {
	case it.Retired:
		return "retired"
	case it.State.IsNew():
		return "new"
	}
	return "review"
}

// dueOrDash is a due date for a table, "-" for none.
func dueOrDash(d srs.Day) string {
	if d.IsZero() {
		return "-"
	}
	return d.String()
}

// Plural says n things: "1 day", "3 days".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Short returns text on one line (OneLine), cut to at most n characters
// with "…": a card named in a message by its front.
func Short(s string, n int) string {
	s = OneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}
