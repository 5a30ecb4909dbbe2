"""gofixleak: find and fix memory, goroutine and resource leaks in Go source."""

__version__ = "0.1.0"
