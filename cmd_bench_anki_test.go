package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkPackage100k writes a package of 100,000 cards with their
// scheduling, and imports it into a new collection each time.
func BenchmarkPackage100k(b *testing.B) {
	bin := spacedBinary(b)
	db := bigCollection(b, 100_000)
	dir := b.TempDir()
	pkg := filepath.Join(dir, "big.apkg")
	args := []string{"--db", db, "export", "apkg", "--with-scheduling", "-o", pkg, "--today", "2026-01-05"}
	b.Run("export", func(b *testing.B) {
		benchExec(b, bin, nil, func(int) []string { return args })
		benchPeak(b, bin, nil, args...)
	})
	b.Run("import", func(b *testing.B) {
		n := 0
		imp := func() []string {
			n++
			return []string{"--db", filepath.Join(dir, fmt.Sprintf("import%d.db", n)), "import", pkg, "--today", "2026-01-05"}
		}
		benchExec(b, bin, nil, func(int) []string { return imp() })
		benchPeak(b, bin, nil, imp()...)
	})
}

// peerScript writes n Basic cards with the npm package anki-apkg-export.
const peerScript = `const AnkiExport = require('anki-apkg-export').default;
const fs = require('fs');
const n = +process.argv[2];
const apkg = new AnkiExport('Bench');
for (let i = 0; i < n; i++) apkg.addCard('Generated question ' + i + '?', 'Generated answer ' + i + '.');
apkg.save().then(zip => fs.writeFileSync(process.argv[3], zip, 'binary'));
`

// BenchmarkPackage500 writes a package of 500 cards, and the same with the
// npm package anki-apkg-export as the peer (installed into a temporary
// folder with npm; skipped without node, npm or the registry).
func BenchmarkPackage500(b *testing.B) {
	bin := spacedBinary(b)
	dir := b.TempDir()
	db := filepath.Join(dir, "c.db")
	spaced(b, map[string]string{"SPACED_DB": db}, "add", collDeckFile(b, dir, "p", 500)).want(b, 0)
	b.Run("spaced", func(b *testing.B) {
		benchExec(b, bin, nil, func(int) []string {
			return []string{"--db", db, "export", "apkg", "-o", filepath.Join(dir, "s.apkg"), "--today", "2026-01-05"}
		})
	})
	b.Run("anki-apkg-export", func(b *testing.B) {
		node, err := exec.LookPath("node")
		if err != nil {
			b.Skip("no node")
		}
		peer := filepath.Join(dir, "peer")
		os.MkdirAll(peer, 0o755)
		install := exec.Command("npm", "install", "--silent", "anki-apkg-export@4.0.3")
		install.Dir = peer
		if out, err := install.CombinedOutput(); err != nil {
			b.Skipf("npm install anki-apkg-export: %v: %s", err, out)
		}
		script := filepath.Join(peer, "peer.js")
		os.WriteFile(script, []byte(peerScript), 0o644)
		benchExec(b, node, nil, func(int) []string { return []string{script, "500", filepath.Join(dir, "p.apkg")} })
	})
}

// bigMarkdown returns a Markdown chapter of about size bytes whose cards
// are all different: questions under headings, each with a paragraph and a
// list of labelled facts, in parts of 50; about 290 bytes a card, denser
// than the Markdown chapters of ../shared (354 bytes a card).
func bigMarkdown(size int) []byte {
	words := strings.Fields("replica gateway route region secret service shard role bucket node topic event lambda trace " +
		"ingress alarm index zone token cluster latency throughput queue table function backup log policy")
	var b bytes.Buffer
	seed := uint32(1)
	word := func() string {
		seed = seed*1664525 + 1013904223
		return words[seed>>8%uint32(len(words))]
	}
	for i := 0; b.Len() < size; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&b, "## Part %d: %s %s Policy\n\n", i/50, title(word()), title(word()))
		}
		fmt.Fprintf(&b, "### %d. What does the %s %s %d do in %s %s?\n\n", i, word(), word(), i, word(), word())
		fmt.Fprintf(&b, "The %s %s %s keeps %s %s %s, so %s %s %s %s. A %s %s waits for the %s %s.\n\n",
			word(), word(), word(), word(), word(), word(), word(), word(), word(), word(), word(), word(), word(), word())
		fmt.Fprintf(&b, "- **%s %s %d**: %s %s %s %s\n- **%s %da**: %s %s %s\n\n", title(word()), title(word()), i,
			word(), word(), word(), word(), title(word()), i, word(), word(), word())
	}
	return b.Bytes()
}

// bigHTML returns an HTML page of about size bytes whose cards are all
// different, with the markup of a documentation site: sections with ids,
// linked headings, wrapped paragraphs, a glossary and a question a section;
// about 430 bytes a card.
func bigHTML(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Generated page</title><script>var cfg = {a: 1};</script></head>` +
		`<body class="docs"><nav class="top-nav"><a href="/">Home</a></nav><main id="content"><article class="doc"><h1>Generated page</h1>` + "\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `<section class="doc-section" id="s%d"><h2 id="h%d"><a class="anchor" href="#h%d">#</a>Section %d: resource %d</h2>`+"\n", i, i, i, i, i)
		fmt.Fprintf(&b, `<div class="wrap"><p class="lead">How <a href="/r/%d">resource %d</a> works, with <span class="term">details</span> and a <code>flag-%d</code>.</p></div>`+"\n", i, i, i)
		fmt.Fprintf(&b, `<dl class="glossary"><dt id="t%d">Term %d</dt><dd><p>The definition of <em>term %d</em>, long enough to be a back.</p></dd></dl>`+"\n", i, i, i)
		fmt.Fprintf(&b, `<h3 id="q%d">How do I rotate the keys of resource %d?</h3><div class="answer"><p>Open the console, choose <b>Keys</b>, then <b>Rotate</b>.</p></div></section>`+"\n", i, i)
	}
	b.WriteString("</article></main><footer><p>© Example</p></footer></body></html>\n")
	return b.Bytes()
}

// BenchmarkCompileMemory compiles Markdown chapters and HTML pages of 8,
// 16, 32 and 63 MiB with the built program and reports its peak memory
// and that peak over the chapter's size (goal: at most 5).
func BenchmarkCompileMemory(b *testing.B) {
	bin := spacedBinary(b)
	dir := b.TempDir()
	for _, c := range []struct {
		ext  string
		make func(int) []byte
	}{{"md", bigMarkdown}, {"html", bigHTML}} {
		for _, mib := range []int{8, 16, 32, 63} {
			path := filepath.Join(dir, fmt.Sprintf("ch%d.%s", mib, c.ext))
			benchCompileMemory(b, bin, path, c.make(mib<<20), fmt.Sprintf("%s/%dMiB", c.ext, mib))
		}
	}
}

func benchCompileMemory(b *testing.B, bin, path string, src []byte, name string) {
	if err := os.WriteFile(path, src, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run(name, func(b *testing.B) {
		args := []string{"compile", path, "--format", "json"}
		benchExec(b, bin, nil, func(int) []string { return args })
		cmd := exec.Command("/usr/bin/time", append([]string{"-v", bin}, args...)...)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Run(); err != nil {
			b.Skipf("/usr/bin/time: %v", err)
		}
		m := maxRSS.FindStringSubmatch(errb.String())
		if m == nil {
			b.Fatalf("no peak memory: %s", errb.String())
		}
		kb, _ := strconv.Atoi(m[1])
		b.ReportMetric(float64(kb)/1024, "MB-peak")
		b.ReportMetric(float64(kb)*1024/float64(len(src)), "peak/size")
	})
}

// title returns w with its first letter in upper case.
func title(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// rewordedChapter returns a chapter of n questions in one section, their
// fronts of nine to thirteen random words, and the same chapter with one
// word of every front replaced.
func rewordedChapter(n int) (before, after []byte) {
	seed := uint32(7)
	rnd := func(k int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % k
	}
	var vocab []string
	for range 400 {
		w := make([]byte, 3+rnd(7))
		for k := range w {
			w[k] = byte('a' + rnd(26))
		}
		vocab = append(vocab, string(w))
	}
	var a, c bytes.Buffer
	a.WriteString("# Rematch\n\n## One\n\n")
	c.WriteString("# Rematch\n\n## One\n\n")
	for i := range n {
		ws := []string{fmt.Sprint("q", i)}
		for range 8 + rnd(5) {
			ws = append(ws, vocab[rnd(len(vocab))])
		}
		fmt.Fprintf(&a, "**Q:** %s?\n**A:** answer %d.\n\n", strings.Join(ws, " "), i)
		ws[1+rnd(len(ws)-1)] = vocab[rnd(len(vocab))]
		fmt.Fprintf(&c, "**Q:** %s?\n**A:** answer %d.\n\n", strings.Join(ws, " "), i)
	}
	return a.Bytes(), c.Bytes()
}

// BenchmarkRematch compiles a chapter of 3,000 questions whose every front
// was reworded, over the deck file of the chapter before (its cards
// matched to the old ones), and the same compile without an old deck, its
// floor (goal: at most 20 times the floor).
func BenchmarkRematch(b *testing.B) {
	bin := spacedBinary(b)
	dir := b.TempDir()
	before, after := rewordedChapter(3000)
	old, edited := filepath.Join(dir, "old.md"), filepath.Join(dir, "edited.md")
	os.WriteFile(old, before, 0o644)
	os.WriteFile(edited, after, 0o644)
	oldDeck := filepath.Join(dir, "old.deck.md")
	if out, err := exec.Command(bin, "compile", old, "-o", oldDeck).CombinedOutput(); err != nil {
		b.Fatalf("%v: %s", err, out)
	}
	oldText, _ := os.ReadFile(oldDeck)
	plain := execCmd(bin, nil, func(i int) []string {
		out := filepath.Join(dir, fmt.Sprintf("plain%d.deck.md", i))
		os.Remove(out)
		return []string{"compile", edited, "-o", out}
	})
	b.Run("plain", func(b *testing.B) { benchCmd(b, plain) })
	b.Run("over-old-deck", func(b *testing.B) {
		over := execCmd(bin, nil, func(i int) []string {
			out := filepath.Join(dir, fmt.Sprintf("over%d.deck.md", i))
			os.WriteFile(out, oldText, 0o644)
			return []string{"compile", edited, "-o", out}
		})
		benchPaired(b, over, plain, "x-plain") // goal: at most 20
	})
}
