package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Completion offers the card IDs and deck names of the collection.
func TestCompletion(t *testing.T) {
	env := reviewEnv(t)
	spaced(t, env, "due").want(t, 0) // the built-in deck
	r := spaced(t, env, "suspend", "--generate-shell-completion")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 19 || !strings.Contains(r.stdout, "zf0vze6xil:The Serverless Cloud Engineer Roadmap") {
		t.Errorf("card completion = %d %q", r.code, r.stdout)
	}
	r = spaced(t, env, "delete-deck", "--generate-shell-completion")
	if r.stdout != "Serverless Architecture\\:\\:Chapter 20\n" {
		t.Errorf("deck completion = %q", r.stdout)
	}
	// The root command reads the process's own arguments: run the program.
	out, err := exec.Command(spacedBinary(t), "--generate-shell-completion").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"review:", "suspend:", "delete-deck:"} {
		if !strings.Contains(string(out), c) {
			t.Errorf("command completion lacks %q:\n%s", c, out)
		}
	}
}

// edit runs $EDITOR on the card's text and keeps what it saves; a file
// without the separator changes nothing.
func TestEdit(t *testing.T) {
	env := reviewEnv(t)
	spaced(t, env, "due").want(t, 0)
	env["EDITOR"] = `sed -i 's/^Get comfortable.*/Learn one language well./'`
	r := spaced(t, env, "edit", "zf0vze")
	r.want(t, 0)
	if !strings.HasPrefix(r.stdout, "zf0vze6xil: edited") {
		t.Errorf("edit: %q %q", r.stdout, r.stderr)
	}
	if r := spaced(t, env, "info", "zf0vze6xil"); !strings.Contains(r.stdout, "A: Learn one language well.\n") {
		t.Errorf("info after edit:\n%s", r.stdout)
	}
	env["EDITOR"] = `sed -i '/^---$/d'`
	spaced(t, env, "edit", "zf0vze6xil").want(t, 1, "no line \"---\" between the front and the back; the card is unchanged")
	env["EDITOR"] = "true"
	if r := spaced(t, env, "edit", "zf0vze6xil"); r.code != 0 || !strings.Contains(r.stderr, "no change") {
		t.Errorf("edit without a change: %d %q", r.code, r.stderr)
	}
}
