// Package leaky holds one instance of every leak gofixleak handles.
// Its go.mod says go 1.21, so timer and ticker leaks are real leaks here.
package leaky
