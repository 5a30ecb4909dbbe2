"""What gofixleak assumes about Go's predeclared names and standard library: which import
paths are standard, which types hold plain data, and what calls do with what they are given."""

from __future__ import annotations

# Top-level directories of the standard library's import paths.
ROOTS = frozenset(
    "archive bufio builtin bytes cmp compress container context crypto database debug embed "
    "encoding errors expvar flag fmt go hash html image index io iter log maps math mime net "
    "os path plugin reflect regexp runtime slices sort strconv strings structs sync syscall "
    "testing text time unicode unique unsafe weak".split()
)


def is_stdlib(path: str, roots: frozenset[str] = ROOTS) -> bool:
    """True for an import path of the standard library (one under a directory in `roots`)."""
    return path.split("/")[0] in roots


SIGNED_INTEGERS = frozenset({"int", "int8", "int16", "int32", "int64", "rune"})
UNSIGNED_INTEGERS = frozenset({"uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte"})
# Predeclared types whose values are plain data: numbers, strings, truth values.
BASIC_TYPES = SIGNED_INTEGERS | UNSIGNED_INTEGERS | {"bool", "string", "float32", "float64", "complex64", "complex128"}
# Result types that cannot carry a resource back to the caller.
PLAIN_TYPES = BASIC_TYPES | {"error", "[]byte", "[]string", "[]error", "time.Duration"}
# Builtins that keep nothing of their arguments and return plain data.
PLAIN_BUILTINS = frozenset("cap clear complex delete imag len max min panic print println real".split())

# Resource lifetimes: calls that read or write through a resource and keep nothing of it.
READERS = frozenset({
    ("io", "ReadAll"), ("io", "Copy"), ("io", "CopyN"), ("io", "ReadFull"), ("io/ioutil", "ReadAll"),
    ("fmt", "Fprint"), ("fmt", "Fprintf"), ("fmt", "Fprintln"),
})
# Resource lifetimes: calls whose result wraps the resource, to be followed like it.
WRAPPERS = frozenset({
    ("bufio", "NewReader"), ("bufio", "NewScanner"), ("bufio", "NewWriter"),
    ("encoding/json", "NewDecoder"), ("encoding/json", "NewEncoder"),
    ("encoding/csv", "NewReader"), ("encoding/csv", "NewWriter"),
})
# Functions that keep what they are lent after they return.
KEEPERS = frozenset({("context", "AfterFunc")})
# Methods that, on whatever receiver, only borrow a context or a value made from one: those
# of database/sql, net, net/http, crypto/tls and log/slog taking a context or a request.
SYNC_METHODS = frozenset(
    "QueryContext QueryRowContext ExecContext PrepareContext PingContext BeginTx Conn StmtContext "
    "DialContext HandshakeContext Shutdown WithContext Clone Do RoundTrip LookupHost LookupIP "
    "LookupIPAddr LookupNetIP LookupAddr LookupPort LookupCNAME LookupSRV LookupMX LookupNS LookupTXT "
    "DebugContext InfoContext WarnContext ErrorContext".split()
)

# Defer in a loop: functions that only read or write through their arguments and return
# plain data (counts, errors, bytes), so the arguments are neither kept nor carried on.
# A wider list than READERS, which the resource rules use for the same question.
DATA_FUNCTIONS = {
    "io": frozenset({"ReadAll", "Copy", "CopyN", "CopyBuffer", "ReadFull", "ReadAtLeast", "WriteString"}),
    "fmt": frozenset({"Fprint", "Fprintf", "Fprintln", "Fscan", "Fscanf", "Fscanln", "Print", "Printf", "Println", "Sprint", "Sprintf", "Sprintln", "Errorf"}),
    "log": frozenset({"Print", "Printf", "Println"}),
}
# Defer in a loop: standard functions whose result wraps their argument and keeps nothing
# else of it; the result is followed like the value. Any other function may keep it.
CARRIERS = WRAPPERS | {
    ("io", "LimitReader"), ("io", "MultiReader"), ("io", "MultiWriter"), ("io", "TeeReader"),
    ("io", "NewSectionReader"), ("bufio", "NewReaderSize"), ("bufio", "NewWriterSize"),
    ("bufio", "NewReadWriter"), ("compress/gzip", "NewReader"), ("compress/gzip", "NewWriter"),
}
# Defer in a loop: methods whose results are plain data (counts, errors, names, file info, text).
DATA_METHODS = frozenset({
    "Close", "Read", "ReadAt", "ReadByte", "ReadBytes", "ReadLine", "ReadRune", "ReadString",
    "Write", "WriteAt", "WriteByte", "WriteRune", "WriteString", "Flush", "Seek", "Stat",
    "Name", "Sync", "Truncate", "Chmod", "Scan", "Err", "Text", "Len", "Size", "Fd",
})
