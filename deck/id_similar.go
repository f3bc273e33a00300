package deck

import (
	"slices"
	"sort"
)

// pair is a card and an old card whose fronts are similar enough for the
// card to keep the old card's ID (KeepIDs, step 2).
type pair struct {
	i, j int // indexes into the cards and the old cards
	sim  float64
}

// qgram is the length of the pieces of a front that similarPairs indexes.
const qgram = 3

// similarPairs returns every pair of an unmatched card and an unmatched old
// card of the same section whose normalized fronts have a similarity of at
// least minSimilarity, in order of card, then old card.
//
// It compares each card only with the old cards that can reach that
// similarity: an edit distance of at most k leaves two fronts of longer
// length L at least L − q + 1 − k·q pieces of qgram runes (q-grams) in
// common (the q-gram lemma), and an index of the old fronts' q-grams counts
// what each shares with the card (the count filter). The bounded edit
// distance is then computed for those candidates alone. Each front is
// normalized once.
func similarPairs(cards, old []Card, matched, used []bool) []pair {
	olds := map[string][]int{} // section → unmatched old cards
	for j := range old {
		if !used[j] {
			olds[old[j].Section] = append(olds[old[j].Section], j)
		}
	}
	news := map[string][]int{}
	var sections []string
	for i := range cards {
		if matched[i] {
			continue
		}
		sec := cards[i].Section
		if _, ok := olds[sec]; !ok {
			continue
		}
		if news[sec] == nil {
			sections = append(sections, sec)
		}
		news[sec] = append(news[sec], i)
	}
	var pairs []pair
	for _, sec := range sections {
		pairs = append(pairs, sectionPairs(cards, old, news[sec], olds[sec])...)
	}
	sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].i < pairs[y].i })
	return pairs
}

// token is one occurrence of a q-gram in a front: the q-gram and how many
// times it occurred before, so that fronts are compared as multisets.
type token struct {
	gram [qgram]rune
	nth  int
}

// tokens returns the q-gram tokens of s.
func tokens(s []rune) []token {
	if len(s) < qgram {
		return nil
	}
	out := make([]token, 0, len(s)-qgram+1)
	seen := map[[qgram]rune]int{}
	for i := 0; i+qgram <= len(s); i++ {
		var g [qgram]rune
		copy(g[:], s[i:i+qgram])
		out = append(out, token{g, seen[g]})
		seen[g]++
	}
	return out
}

// sectionPairs is similarPairs for the cards is and old cards js of one
// section.
func sectionPairs(cards, old []Card, is, js []int) []pair {
	oldFront := make([][]rune, len(js))
	index := map[token][]int32{} // token → positions in js
	var short []int              // old fronts too short for a q-gram
	for k, j := range js {
		oldFront[k] = []rune(Normalize(old[j].Front))
		toks := tokens(oldFront[k])
		if len(toks) == 0 {
			short = append(short, k)
		}
		for _, t := range toks {
			index[t] = append(index[t], int32(k))
		}
	}
	var pairs []pair
	count := make([]int, len(js))
	stamp := make([]int, len(js)) // the card (plus one) count[k] is of
	var cand []int
	for n, i := range is {
		a := []rune(Normalize(cards[i].Front))
		cand = cand[:0]
		if sharedNeeded(len(a)) <= 0 {
			for k := range js {
				cand = append(cand, k)
			}
		} else {
			// The count filter: the q-grams each old front shares with a,
			// counted through the index.
			for _, t := range tokens(a) {
				for _, k := range index[t] {
					if stamp[k] != n+1 {
						stamp[k], count[k] = n+1, 0
						cand = append(cand, int(k))
					}
					count[k]++
				}
			}
			keep := cand[:0]
			for _, k := range cand {
				if count[k] >= sharedNeededPair(len(a), len(oldFront[k])) {
					keep = append(keep, k)
				}
			}
			cand = append(keep, short...)
			slices.Sort(cand)
		}
		for _, k := range cand {
			if s := similarity(a, oldFront[k]); s >= minSimilarity {
				pairs = append(pairs, pair{i, js[k], s})
			}
		}
	}
	return pairs
}

// sharedNeeded returns the fewest q-grams that a front of n runes shares
// with any front it can reach minSimilarity with: the least, over the
// longer length L such a pair can have (n to n ÷ 0.85), of L − q + 1 − k·q,
// with k the largest distance similarity allows at L. It is 0 or less when
// no q-gram need be shared.
func sharedNeeded(n int) int {
	need := n
	for l := n; float64(l)*minSimilarity <= float64(n)+1; l++ {
		k := int(float64(l)*(1-minSimilarity)) + 1
		need = min(need, l-qgram+1-k*qgram)
	}
	return need
}

// sharedNeededPair returns the fewest q-grams two fronts of m and n runes
// share when they can reach minSimilarity: L − q + 1 − k·q for the longer
// length L and the largest distance k similarity allows at L.
func sharedNeededPair(m, n int) int {
	l := max(m, n)
	k := int(float64(l)*(1-minSimilarity)) + 1
	return l - qgram + 1 - k*qgram
}
