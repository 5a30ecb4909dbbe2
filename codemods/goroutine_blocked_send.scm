; `make(chan T)` or `make(chan T, n)`: the codemod finds the local variable it initializes,
; the goroutines that send on it and how the function receives.
(call_expression
  function: (identifier) @function (#eq? @function "make")
  arguments: (argument_list
    .
    (channel_type))) @make
