; Every defer statement; the codemod keeps those whose innermost loop is in the same function.
(defer_statement) @defer
