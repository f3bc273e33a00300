// Package manpage writes a manual page in roff from a command tree of
// urfave/cli, so that the page says what --help says.
package manpage

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v3"
)

// Page is what a manual page says beyond the command tree.
type Page struct {
	Version                                 string
	Description, Environment, Exit, SeeAlso string
}

// Write writes the manual page (section 1) of the command tree root in
// roff, from the same definitions --help shows, with the texts of p.
func Write(w io.Writer, root *cli.Command, p Page) error {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH %s 1 \"\" \"%s %s\" \"User Commands\"\n", strings.ToUpper(root.Name), root.Name, roff(p.Version))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", root.Name, roff(root.Usage))
	b.WriteString(".SH SYNOPSIS\n.B " + root.Name + "\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n")
	b.WriteString(".SH DESCRIPTION\n" + roff(p.Description) + "\n")
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
	b.WriteString(".SH ENVIRONMENT\n" + roff(p.Environment) + "\n")
	b.WriteString(".SH EXIT STATUS\n" + roff(p.Exit) + "\n")
	b.WriteString(".SH SEE ALSO\n" + roff(p.SeeAlso) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

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
