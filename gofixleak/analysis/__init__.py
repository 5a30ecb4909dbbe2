"""Go-aware analysis shared by the codemods: syntax navigation, scopes, imports, control
flow, layout, and the resource and channel analyses built on them.

Everything here is syntactic and conservative: when the tree does not say enough, a helper
answers in the way that makes a codemod report without a fix rather than guess."""
