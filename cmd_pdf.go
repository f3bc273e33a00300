package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"spaced/export"
	"spaced/internal/files"
)

func (a *app) exportPDFCommand() *cli.Command {
	return &cli.Command{
		Name:      "pdf",
		Usage:     "write a printable PDF cheat sheet or cut-out cards",
		ArgsUsage: "[SOURCE...]",
		Description: "Prints the cards of the SOURCE files (chapters or deck files), else of the\n" +
			"collection, else of the built-in deck. --layout sheet (the default) is a cheat\n" +
			"sheet in columns; --layout cards is a 2 x 4 grid of cut-out cards, each page of\n" +
			"fronts followed by its page of backs for double-sided printing (flip on the long\n" +
			"edge). Dates come from SOURCE_DATE_EPOCH, else the study day.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the PDF to `FILE` (- for standard output)"},
			&cli.StringFlag{Name: "layout", Value: "sheet", Usage: "`LAYOUT`: sheet or cards"},
			&cli.StringFlag{Name: "paper", Value: "a4", Usage: "`PAPER` size: a4 or letter"},
			&cli.IntFlag{Name: "columns", Value: 2, Usage: "`N` columns of the sheet, 1 to 3"},
			&cli.StringFlag{Name: "font", Usage: "TrueType font `FILE.ttf` for characters the built-in fonts lack"},
			&cli.BoolFlag{Name: "weak", Usage: "only the cards the collection rates hard, hardest first"},
		}, filterFlags()...),
		Action: a.exportPDF,
	}
}

func (a *app) exportPDF(ctx context.Context, cmd *cli.Command) error {
	const name = "export pdf"
	out := cmd.String("output")
	if out == "" {
		return misusef("%s: no output file; give -o FILE.pdf (or -o - for standard output)", name)
	}
	layout := strings.ToLower(cmd.String("layout"))
	write := map[string]func(io.Writer, []export.Card, export.PDFOptions) (export.Report, error){
		"sheet": export.CheatSheet, "cards": export.Cards,
	}[layout]
	if write == nil {
		return misusef("%s: unknown --layout %q (want sheet or cards)", name, cmd.String("layout"))
	}
	paper := strings.ToLower(cmd.String("paper"))
	if paper != "a4" && paper != "letter" {
		return misusef("%s: unknown --paper %q (want a4 or letter)", name, cmd.String("paper"))
	}
	cols := cmd.Int("columns")
	if cols < 1 || cols > 3 {
		return misusef("%s: --columns must be 1, 2 or 3, not %d", name, cols)
	}
	if cmd.IsSet("columns") && layout != "sheet" {
		a.warnf("--columns applies to --layout sheet only; ignored")
	}
	if cmd.Bool("weak") && cmd.NArg() > 0 {
		return withHint(misusef("%s: --weak reads review history from the collection, not from SOURCE files", name),
			"add the files with 'spaced add', then run 'spaced export pdf --weak' without them")
	}
	if out == "-" {
		if f, ok := a.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return withHint(misusef("%s: will not write a PDF to a terminal", name), "redirect standard output to a file, or give -o FILE.pdf")
		}
	}
	date, err := a.pdfDate(cmd)
	if err != nil {
		return err
	}
	opt := export.PDFOptions{Paper: paper, Columns: int(cols), Date: date}
	if path := cmd.String("font"); path != "" {
		var fe *export.FontError
		if opt.Font, err = export.ReadFont(path); errors.As(err, &fe) {
			return withHint(err, "give a TrueType font (.ttf), such as DroidSansFallbackFull.ttf from Debian's fonts-droid-fallback")
		} else if err != nil {
			return err
		}
	}
	var cards []export.Card
	if cmd.Bool("weak") {
		cards, err = a.weakCards(cmd)
	} else {
		cards, err = a.exportCards(cmd)
	}
	if err != nil {
		return err
	}
	opt.Title = export.Title(cards, cmd.Bool("weak"))
	var rep export.Report
	render := func(w io.Writer) error {
		rep, err = write(w, cards, opt)
		return err
	}
	if out == "-" {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if _, err := a.stdout.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("%s: writing standard output: %w", name, err)
		}
	} else if err := files.Write(ctx, out, 0o644, render); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(rep.Missing) > 0 {
		a.warnf("%s", rep.Warning())
	}
	return nil
}

// pdfDate returns the date a PDF carries: SOURCE_DATE_EPOCH when set, else
// the study day, at midnight UTC.
func (a *app) pdfDate(cmd *cli.Command) (time.Time, error) {
	if s := a.getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 253402300799 {
			return time.Time{}, misusef("SOURCE_DATE_EPOCH=%q: not a number of seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	day, err := a.studyDay(cmd)
	if err != nil {
		return time.Time{}, err
	}
	return day.Time(), nil
}
