package golden

import "context"

var nofixFlag bool

// The var form, used only under a branch that may not run: no call, so no fix.
func varForm(parent context.Context) {
	var _, cancel = context.WithCancel(parent) // want "cancel function `cancel` from context.WithCancel is not called on every path: the context leaks at the end of the function on line 13"
	if nofixFlag {
		_ = cancel
	}
}

// A func literal is judged on its own.
func inLiteral(parent context.Context) {
	go func() {
		ctx, cancel := context.WithCancel(parent) // want "the context leaks at the end of the function on line 23"
		if nofixFlag {
			_ = cancel
		}
		println(ctx)
	}()
}
