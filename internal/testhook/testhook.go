// Package testhook holds the points where tests step into a running
// command: to kill it at a chosen database write, or count its writes.
// Nothing outside tests sets them; unset, each costs one comparison.
package testhook

// BeforeCommit, when set, runs in every write transaction of the
// collection after its writes and before its commit, with the name of the
// operation ("sync", "grade", "undo").
var BeforeCommit func(op string)

// AfterCommit, when set, runs after every write transaction of the
// collection committed, before the command goes on.
var AfterCommit func(op string)
