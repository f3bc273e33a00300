package ankicmd

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"spaced/anki"
	"spaced/internal/appenv"
	"spaced/internal/exit"
	"spaced/internal/files"
	"spaced/output"
	"spaced/srs"
)

// Import returns the command "import".
func Import(a *appenv.App) *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "import Anki packages (.apkg, .colpkg) with scheduling and media, and CSV, TSV and Anki text files",
		Description: "Cards keep the IDs an import gives them: importing a file again changes nothing, and an updated file\n" +
			"updates its cards in place, keeping their history. Media go to the folder beside the collection named\n" +
			"after it (collection.media for collection.db).",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "columns", Usage: "the `ROLES` of a text file's columns, in order: front, back, tags, deck, guid, notetype or - (skip)"},
			&cli.StringFlag{Name: "deck", Usage: "the deck `NAME` of a text file's rows that name none (default: the file's name)"},
			&cli.BoolFlag{Name: "no-scheduling", Usage: "import a package's cards as new, without their review log"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error { return importFiles(ctx, a, cmd) },
	}
}

// importFiles reads every FILE first, so that a bad one imports nothing,
// stages the packages' media, then imports every deck in one transaction,
// moves the media in and prints what changed.
func importFiles(ctx context.Context, a *appenv.App, cmd *cli.Command) error {
	paths := cmd.Args().Slice()
	if len(paths) == 0 {
		return exit.Misusef("import: no FILE given")
	}
	in, err := newImporter(ctx, a, cmd)
	if err != nil {
		return err
	}
	defer in.media.clean()
	sweepTemp(a.Now())
	var all []srs.ImportDeck
	for _, p := range paths {
		decks, err := in.read(p)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		all = append(all, decks...)
	}
	s, err := a.OpenStore(cmd, true)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer s.Close()
	res, err := s.Import(ctx, all, a.Now())
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := in.media.commit(); err != nil {
		a.Warnf("import: the media files: %v", err)
	}
	names := map[string]bool{}
	for _, d := range all {
		names[d.Name] = true
	}
	fmt.Fprintf(a.Stdout, "imported %s: %d new, %d updated, %d unchanged; %s\n", output.Plural(len(names), "deck"),
		res.New, res.Updated, res.Unchanged, output.Plural(res.Reviews, "review"))
	return nil
}

// newImporter returns the importer of the command's flags.
func newImporter(ctx context.Context, a *appenv.App, cmd *cli.Command) (*importer, error) {
	var cols []string
	if c := cmd.String("columns"); c != "" {
		for _, r := range strings.Split(c, ",") {
			if r = strings.ToLower(strings.TrimSpace(r)); !anki.ValidColumn(r) {
				return nil, exit.Misusef("import: --columns: %q is not a column (want front, back, tags, deck, guid, notetype or -)", r)
			}
			cols = append(cols, r)
		}
	}
	db, err := a.CollectionPath(cmd)
	if err != nil {
		return nil, err
	}
	day, err := a.StudyDay(cmd)
	if err != nil {
		return nil, err
	}
	rollover := int(cmd.Int("rollover"))
	return &importer{a: a, ctx: ctx, media: &mediaStage{folder: MediaFolder(db)}, day: day,
		dayOf:      func(t time.Time) srs.Day { return srs.StudyDay(t.Local(), rollover) },
		scheduling: !cmd.Bool("no-scheduling"), text: anki.TextOptions{Columns: cols, Deck: cmd.String("deck")}}, nil
}

// importer reads the files of an import.
type importer struct {
	a          *appenv.App
	ctx        context.Context
	media      *mediaStage
	day        srs.Day
	dayOf      func(time.Time) srs.Day
	scheduling bool
	text       anki.TextOptions
}

// read returns the decks of the file at path: a package by its zip
// header, else a text file.
func (in *importer) read(path string) ([]srs.ImportDeck, error) {
	if isPackage(path) {
		return in.readPackage(path)
	}
	src, err := files.Read(path)
	if err != nil {
		return nil, err
	}
	decks, warnings, err := anki.ReadText(path, src, in.text)
	for _, w := range warnings {
		in.a.Warnf("%s", w)
	}
	return decks, err
}

// readPackage reads the package at path and copies its media into the
// media folder.
func (in *importer) readPackage(path string) ([]srs.ImportDeck, error) {
	p, err := anki.Open(in.ctx, path, "")
	if err != nil {
		return nil, err
	}
	defer p.Close()
	copied := map[string]string{}
	for _, m := range p.Media {
		if !anki.SafeName(m.Name) {
			in.a.Warnf("%s: media file %q: not a plain file name; left out", path, m.Name)
			continue
		}
		dst, err := in.media.add(p, m)
		if err != nil {
			in.a.Warnf("%s: %v; left out", path, err)
			continue
		}
		copied[m.Name] = dst
	}
	decks, warnings := p.Decks(anki.ConvertOptions{DayOf: in.dayOf, Today: in.day, Scheduling: in.scheduling,
		Image: func(name string) string { return copied[name] }})
	for _, w := range warnings {
		in.a.Warnf("%s", w)
	}
	if len(decks) == 0 {
		return nil, fmt.Errorf("%s: the package holds no cards", path)
	}
	return decks, nil
}

// MediaFolder returns the folder of the media of the collection at db: its
// path without the extension and ".media" (collection.db:
// collection.media), private to the user as the collection is.
func MediaFolder(db string) string {
	return strings.TrimSuffix(db, filepath.Ext(db)) + ".media"
}

// isZip reports whether the file at path starts as a zip file does.
func isZip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], []byte("PK\x03\x04"))
}

// sweepTemp removes the collections of earlier imports that a kill left
// in the temporary folder, a day old or older.
func sweepTemp(now time.Time) {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), anki.TempPattern))
	for _, o := range old {
		if st, err := os.Stat(o); err == nil && now.Sub(st.ModTime()) > 24*time.Hour {
			os.Remove(o)
		}
	}
}

// isPackage reports whether the file at path is to be read as a package:
// its name ends in .apkg or .colpkg, or it is a zip file.
func isPackage(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".apkg" || ext == ".colpkg" || isZip(path)
}

// Refusal returns why add does not read the file at path, a package or a
// text file of notes that import reads, and whether it is one.
func Refusal(path string) (string, bool) {
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case isPackage(path):
		return "an Anki package", true
	case ext == ".csv" || ext == ".tsv":
		return "a " + strings.ToUpper(ext[1:]) + " file", true
	}
	if first, ok := files.AnkiExport(path); ok {
		return fmt.Sprintf("an Anki text export (it starts %q)", first), true
	}
	return "", false
}
