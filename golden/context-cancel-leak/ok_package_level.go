package golden

import "context"

// Package-level contexts live as long as the program.
var background, _ = context.WithCancel(context.Background())

func current() error { return background.Err() }
