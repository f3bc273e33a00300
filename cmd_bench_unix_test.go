//go:build unix

package main

import "syscall"

// settle writes the file system's dirty pages to disk, so that a timed run
// does not pay for the writes of the run before it.
func settle() { syscall.Sync() }
