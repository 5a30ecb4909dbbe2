; `http.Get(...)` and friends, or `client.Do(...)` and friends on some operand.
; The codemod checks the net/http import or that the operand is evidently an *http.Client.
(call_expression
  function: (selector_expression
    field: (field_identifier) @function
    (#any-of? @function "Get" "Head" "Post" "PostForm" "Do" "RoundTrip"))) @call
