"""`gofixleak triage`: rank static findings by what a running service shows.

Evidence (a goroutine dump, pprof profiles, or a live pprof endpoint) is parsed into plain
values (`model`), its frames are mapped to files under the scanned paths (`sites`), grouped and
ranked (`rank`) and shown (`render`). Only `sources` (files, HTTP) and `command` (the
scan, the terminal) do I/O.
"""
