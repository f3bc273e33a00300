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
func (l *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.re().FindAllStringSubmatch(s, n)
}

// MatchPrefix is FindStringSubmatch with the last group extended to the end
// of s: for an expression ending in "(\S)" it answers as "(\S.*)$" would, for
// one ending in "()" as "(.*)$" would (s holds no line break). The matcher
// then never walks the rest of a long line.
func (l *lazyRegexp) MatchPrefix(s string) []string {
	loc := l.re().FindStringSubmatchIndex(s)
	if loc == nil {
		return nil
	}
	m := make([]string, len(loc)/2)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	if last := len(loc) - 2; last > 0 && loc[last] >= 0 {
		m[len(m)-1] = s[loc[last]:]
	}
	m[0] = s[loc[0]:]
	return m
}
