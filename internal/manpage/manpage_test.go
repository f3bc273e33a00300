package manpage

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/urfave/cli/v3"
)

// The page holds every command and flag, escapes roff's special
// characters, and groff reads it without a warning.
func TestWrite(t *testing.T) {
	root := &cli.Command{Name: "tool", Usage: "does -things",
		Flags: []cli.Flag{&cli.StringFlag{Name: "db", Usage: "the `PATH` of it"}},
		Commands: []*cli.Command{
			{Name: "go", Usage: ".starts with a dot", ArgsUsage: "FILE...", Flags: []cli.Flag{&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: `say yes \ no`}}},
			{Name: "export", Usage: "out", Commands: []*cli.Command{{Name: "pdf", Usage: "a PDF"}}},
		}}
	var b strings.Builder
	if err := Write(&b, root, Page{Version: "1.0", Description: "A tool.", Environment: "NONE", Exit: "0 ok", SeeAlso: "nothing"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{".TH TOOL 1", "tool \\- does \\-things", ".SS go FILE...", "\\&.starts with a dot",
		".B \\-\\-yes, \\-y", "say yes \\e no", ".SS export pdf", ".B \\-\\-db", "the PATH of it"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("no groff to read the page")
	}
	cmd := exec.Command("groff", "-man", "-ww", "-z")
	cmd.Stdin = strings.NewReader(page)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff: %v\n%s", err, out)
	}
}
