package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v3"

	"spaced/export"
	"spaced/internal/appenv"
	"spaced/internal/exit"
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
		}, appenv.FilterFlags()...),
		Action: a.exportPDF,
	}
}

// pdfLayout is a layout of export pdf: the function that writes it, and
// about what a card takes in the PDF library's page streams, which it holds
// until it writes the file (measured on short cards; longer ones take more).
type pdfLayout struct {
	write        func(io.Writer, []export.Card, export.PDFOptions) (export.Report, error)
	bytesPerCard int64
}

var pdfLayouts = map[string]pdfLayout{
	"sheet": {export.CheatSheet, 250},
	"cards": {export.Cards, 450}, // a page of fronts, then one of backs
}

// pdfOptions are the flags of export pdf.
type pdfOptions struct {
	out    string
	layout pdfLayout
	weak   bool
	export.PDFOptions
}

func (a *app) readPDFOptions(cmd *cli.Command) (o pdfOptions, err error) {
	const name = "export pdf"
	o.out, o.weak = cmd.String("output"), cmd.Bool("weak")
	layout := strings.ToLower(cmd.String("layout"))
	o.layout = pdfLayouts[layout]
	o.Paper, o.Columns = strings.ToLower(cmd.String("paper")), int(cmd.Int("columns"))
	switch {
	case o.out == "":
		return o, exit.Misusef("%s: no output file; give -o FILE.pdf (or -o - for standard output)", name)
	case o.layout.write == nil:
		return o, exit.Misusef("%s: unknown --layout %q (want sheet or cards)", name, cmd.String("layout"))
	case o.Paper != "a4" && o.Paper != "letter":
		return o, exit.Misusef("%s: unknown --paper %q (want a4 or letter)", name, cmd.String("paper"))
	case o.Columns < 1 || o.Columns > 3:
		return o, exit.Misusef("%s: --columns must be 1, 2 or 3, not %d", name, o.Columns)
	case o.weak && cmd.NArg() > 0:
		return o, exit.WithHint(exit.Misusef("%s: --weak reads review history from the collection, not from SOURCE files", name),
			"add the files with 'spaced add', then run 'spaced export pdf --weak' without them")
	case o.out == "-" && appenv.IsTerminal(a.StdoutFile):
		return o, exit.WithHint(exit.Misusef("%s: will not write a PDF to a terminal", name), "redirect standard output to a file, or give -o FILE.pdf")
	}
	if cmd.IsSet("columns") && layout != "sheet" {
		a.Warnf("--columns applies to --layout sheet only; ignored")
	}
	if o.Date, err = a.ExportTime(cmd); err != nil {
		return o, err
	}
	if path := cmd.String("font"); path != "" {
		var fe *export.FontError
		if o.Font, err = export.ReadFont(path); errors.As(err, &fe) {
			return o, exit.WithHint(err, "give a TrueType font (.ttf), such as DroidSansFallbackFull.ttf from Debian's fonts-droid-fallback")
		}
	}
	return o, err
}

func (a *app) exportPDF(ctx context.Context, cmd *cli.Command) error {
	o, err := a.readPDFOptions(cmd)
	if err != nil {
		return err
	}
	cards, err := a.ExportCards(ctx, cmd, o.weak)
	if err != nil {
		return err
	}
	o.Title = export.Title(cards, o.weak)
	// The library holds every page's stream until the end: room for them
	// keeps the collector from running every page.
	files.Budget(int64(len(cards)) * o.layout.bytesPerCard)
	var rep export.Report
	err = a.WriteOutput(ctx, o.out, func(w io.Writer) (err error) {
		rep, err = o.layout.write(w, cards, o.PDFOptions)
		return err
	})
	if err != nil {
		return fmt.Errorf("export pdf: %w", err)
	}
	if len(rep.Missing) > 0 {
		a.Warnf("%s", rep.Warning())
	}
	for _, w := range rep.Images {
		a.Warnf("%s (not printed)", w)
	}
	return nil
}
