; `make(chan T)` or `make(chan T, n)`: the codemod finds the local variable it initializes
; and the goroutines that wait on it.
(call_expression
  function: (identifier) @function (#eq? @function "make")
  arguments: (argument_list
    .
    (channel_type))) @make
