package deck

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on its first use. The parsers
// hold some forty; compiled at start-up they cost every command, including
// the ones that never read a chapter, about a millisecond.
type lazyRegexp struct {
	expr string
	once sync.Once
	rx   *regexp.Regexp
}

// lazyCompile returns expr as a lazyRegexp; like regexp.MustCompile, a
// malformed expr panics, on first use.
func lazyCompile(expr string) *lazyRegexp { return &lazyRegexp{expr: expr} }

func (l *lazyRegexp) re() *regexp.Regexp {
	l.once.Do(func() { l.rx = regexp.MustCompile(l.expr) })
	return l.rx
}

func (l *lazyRegexp) MatchString(s string) bool            { return l.re().MatchString(s) }
func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.re().FindStringSubmatch(s) }
func (l *lazyRegexp) FindStringIndex(s string) []int       { return l.re().FindStringIndex(s) }
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.re().FindStringSubmatchIndex(s)
}
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.re().FindAllStringSubmatchIndex(s, n)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.re().Split(s, n) }
