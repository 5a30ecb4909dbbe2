; `make(chan T)` or `make(chan T, n)`: the codemod checks that the function returns the
; channel and that a goroutine it starts feeds it with sends that cannot give up.
(call_expression
  function: (identifier) @function (#eq? @function "make")
  arguments: (argument_list
    .
    (channel_type))) @make
