package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v3"
)

func (a *app) versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version",
		Action: func(_ context.Context, cmd *cli.Command) error {
			if err := maxArgs(cmd, 0); err != nil {
				return err
			}
			_, err := fmt.Fprintf(a.stdout, "spaced version %s\n", version)
			return err
		},
	}
}

func (a *app) manCommand() *cli.Command {
	return &cli.Command{
		Name:  "man",
		Usage: "print the manual page (roff): spaced man | man -l -",
		Action: func(_ context.Context, cmd *cli.Command) error {
			if err := maxArgs(cmd, 0); err != nil {
				return err
			}
			return writeMan(a.stdout, cmd.Root())
		},
	}
}

// writeMan writes the manual page of the command tree root in roff, from
// the same definitions --help shows.
func writeMan(w io.Writer, root *cli.Command) error {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH SPACED 1 \"\" \"spaced %s\" \"User Commands\"\n", roff(version))
	fmt.Fprintf(&b, ".SH NAME\nspaced \\- %s\n", roff(root.Usage))
	b.WriteString(".SH SYNOPSIS\n.B spaced\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n")
	b.WriteString(".SH DESCRIPTION\n" + roff(manDescription) + "\n")
	b.WriteString(".SH GLOBAL OPTIONS\n")
	manFlags(&b, root.Flags)
	b.WriteString(".SH COMMANDS\n")
	var walk func(prefix string, cs []*cli.Command)
	walk = func(prefix string, cs []*cli.Command) {
		for _, c := range cs {
			if c.Hidden || c.Name == "help" {
				continue
			}
			name := strings.TrimSpace(prefix + " " + c.Name)
			fmt.Fprintf(&b, ".SS %s", roff(name))
			if c.ArgsUsage != "" {
				fmt.Fprintf(&b, " %s", roff(c.ArgsUsage))
			}
			fmt.Fprintf(&b, "\n%s\n", roff(c.Usage))
			if c.Description != "" {
				fmt.Fprintf(&b, ".PP\n%s\n", roff(strings.Join(strings.Fields(c.Description), " ")))
			}
			manFlags(&b, c.Flags)
			walk(name, c.Commands)
		}
	}
	walk("", root.Commands)
	b.WriteString(".SH ENVIRONMENT\n" + roff(manEnvironment) + "\n")
	b.WriteString(".SH EXIT STATUS\n" + roff(manExit) + "\n")
	b.WriteString(".SH SEE ALSO\nThe README.md and docs/ of the source, which describe the chapter shapes, the deck file, the JSON output, SM\\-2 and the Anki and PDF formats.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

const (
	manDescription = "spaced turns a course chapter (a web page saved as text, Markdown notes, an HTML page) into a flashcard deck, schedules a short review every day with the SM-2 algorithm in an SQLite collection, and exports decks to Anki and to printable PDF cheat sheets and cards."
	manEnvironment = "SPACED_DB, SPACED_TODAY, SPACED_ROLLOVER and SPACED_KEYS give the flags of those names; XDG_DATA_HOME and HOME place the collection; SOURCE_DATE_EPOCH dates the exports; NO_COLOR turns colour off; VISUAL or EDITOR is the editor of spaced edit."
	manExit        = "0 success, 1 failure, 2 misuse, 70 an internal error, 128 + n when ended by signal n."
)

// manFlags writes the flags fs as a roff list.
func manFlags(b *strings.Builder, fs []cli.Flag) {
	for _, f := range fs {
		names := f.Names()
		if len(names) == 0 || names[0] == "help" {
			continue
		}
		var parts []string
		for _, n := range names {
			if len(n) == 1 {
				parts = append(parts, "\\-"+n)
			} else {
				parts = append(parts, "\\-\\-"+n)
			}
		}
		usage := ""
		if u, ok := f.(interface{ GetUsage() string }); ok {
			usage = strings.NewReplacer("`", "").Replace(u.GetUsage())
		}
		fmt.Fprintf(b, ".TP\n.B %s\n%s\n", strings.Join(parts, ", "), roff(usage))
	}
}

// roff escapes text for a roff line: backslashes, and a leading dot or
// apostrophe that would read as a request.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
