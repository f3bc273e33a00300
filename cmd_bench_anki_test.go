package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
