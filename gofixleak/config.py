"""`.gofixleak.toml`: finding it, validating it, and merging it with the command line.

Every value remembers where it came from (a default, a flag, or `file:line`), so that
`gofixleak config` can say it and an error can point at the line to fix."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from codemods import RULE_IDS

from .gomod import parse_version
from .model import Severity

CONFIG_NAME = ".gofixleak.toml"
PER_PATH_IGNORES = "per-path-ignores"
DEFAULT = "default"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file, line and key."""


@dataclass(frozen=True)
class Value:
    value: object
    source: str  # "default", "--flag" or "path:line"


def _rule_ids(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of rule ids, e.g. [\"time-after-in-loop\"]")
    for rule in value:
        if rule not in RULE_IDS:
            raise ValueError(f"unknown rule {rule!r}; `gofixleak rules` lists them")
    return list(value)


def _patterns(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of gitignore-style patterns, e.g. [\"gen/**\"]")
    return list(value)


def _severity(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string: info, warning or error")
    return Severity.parse(value).label


def _after_style(value: object) -> str:
    if value not in ("idle", "deadline"):
        raise ValueError("must be \"idle\" or \"deadline\"")
    return str(value)


def _go_version(value: object) -> str:
    if not isinstance(value, str):
        # 1.20 as a TOML float would read as 1.2.
        raise ValueError("must be a string, e.g. \"1.22\"")
    parse_version(value)
    return value


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


# key -> (validator, default). Validators raise ValueError with the reason.
_KEYS: dict[str, tuple[Callable[[object], object], object]] = {
    "select": (_rule_ids, None),  # None: every rule
    "ignore": (_rule_ids, []),
    "exclude": (_patterns, []),
    "min-severity": (_severity, "warning"),
    "after-style": (_after_style, "idle"),
    "go-version": (_go_version, None),  # None: each file's go.mod
    # Fix safety: apply unsafe fixes too; count a rule's fixes as safe, or as unsafe.
    "unsafe-fixes": (_boolean, False),
    "extend-safe-fixes": (_rule_ids, []),
    "extend-unsafe-fixes": (_rule_ids, []),
}


@dataclass(frozen=True)
class Config:
    """The effective configuration: file values, then flags over them."""

    values: Mapping[str, Value]
    file: Path | None = None
    # (pattern, rules, source): per-path ignores, patterns relative to `root`.
    per_path_ignores: tuple[tuple[str, tuple[str, ...], str], ...] = ()
    root: Path = field(default_factory=Path.cwd)

    def __getitem__(self, key: str) -> object:
        return self.values[key].value


def find_config(paths: Sequence[str]) -> Path | None:
    """The nearest `.gofixleak.toml` in the directory of the first path or above it."""
    start = Path(paths[0] if paths else ".").resolve()
    if not start.is_dir():
        start = start.parent
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"""^\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


def _unquote(name: str) -> str:
    return name.strip().strip("\"'")


def line_of(text: str, table: str | None, key: str) -> int:
    """The 1-based line defining `key` in `table` (None: top level), or a table header
    named `key`; else the first line naming it, else 1. tomllib reports no positions, so
    the text is scanned."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            current = _unquote(header.group(1).strip("[]"))
            if table is None and current == key:
                return number
            continue
        match = _KEY.match(line)
        if match and current == table:
            name = next(g for g in match.groups() if g is not None)
            if name == key:
                return number
    # Written some other way (a dotted key, an inline table): the first line naming it.
    for number, line in enumerate(text.splitlines(), start=1):
        if key in line:
            return number
    return 1


def load_file(path: Path) -> tuple[dict[str, Value], tuple[tuple[str, tuple[str, ...], str], ...]]:
    """The values a configuration file sets, each with its `file:line`; raises ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None

    def where(table: str | None, key: str) -> str:
        return f"{path}:{line_of(text, table, key)}"

    values: dict[str, Value] = {}
    ignores: list[tuple[str, tuple[str, ...], str]] = []
    for key, raw in document.items():
        if key == PER_PATH_IGNORES:
            if not isinstance(raw, dict):
                raise ConfigError(f"{where(None, key)}: {key}: must be a table of pattern = [rules]")
            for pattern, rules in raw.items():
                try:
                    ignores.append((pattern, tuple(_rule_ids(rules)), where(key, pattern)))
                except ValueError as exc:
                    raise ConfigError(f"{where(key, pattern)}: {key} {pattern!r}: {exc}") from None
            continue
        if key not in _KEYS:
            known = ", ".join([*_KEYS, f"[{PER_PATH_IGNORES}]"])
            raise ConfigError(f"{where(None, key)}: unknown key {key!r} (known: {known})")
        validate, _ = _KEYS[key]
        try:
            values[key] = Value(validate(raw), where(None, key))
        except ValueError as exc:
            raise ConfigError(f"{where(None, key)}: {key}: {exc}") from None
    return values, tuple(ignores)


def _split_rules(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def effective(paths: Sequence[str], config_file: Path | None, flags: Mapping[str, object]) -> Config:
    """Defaults, then the configuration file (`config_file`, else the nearest one), then
    `flags` (only the flags given on the command line, by config key). Raises ConfigError."""
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    path = config_file or find_config(paths)
    values = {key: Value(default, DEFAULT) for key, (_, default) in _KEYS.items()}
    ignores: tuple[tuple[str, tuple[str, ...], str], ...] = ()
    if path is not None:
        from_file, ignores = load_file(path)
        values.update(from_file)
    for key, value in flags.items():
        if key in ("select", "ignore", "extend-safe-fixes", "extend-unsafe-fixes"):
            value = _split_rules(value)  # type: ignore[arg-type]
        values[key] = Value(value, f"--{key}")
    root = path.parent.resolve() if path is not None else Path.cwd().resolve()
    return Config(values, path, ignores, root)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def describe(config: Config) -> str:
    """The effective configuration as TOML, each value followed by where it came from."""
    lines = [f"# configuration file: {config.file if config.file else 'none found'}"]
    rows = []
    for key, item in config.values.items():
        if item.value is None:
            meaning = "every rule" if key == "select" else "each file's go.mod"
            rows.append((f"# {key} unset: {meaning}", item.source))
        else:
            rows.append((f"{key} = {_toml(item.value)}", item.source))
    rows.append((f"[{PER_PATH_IGNORES}]", ""))
    rows += [(f"{_toml(pattern)} = {_toml(list(rules))}", source) for pattern, rules, source in config.per_path_ignores]
    width = max(len(text) for text, _ in rows)
    for text, source in rows:
        lines.append(f"{text:<{width}}  # {source}" if source else text)
    return "\n".join(lines)
