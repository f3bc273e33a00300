//go:build !unix

package main

// settle does nothing where the system has no sync call.
func settle() {}
