"""Option values converted without pydantic.

typer 0.2x converts every option that is not a flag through a pydantic TypeAdapter, and
importing pydantic costs more than scanning a small file. gofixleak's options are strings,
ints, paths, enums and lists of strings: `QuickCommand` converts those directly. Any other
type, or a value that does not convert, takes typer's own path (so its error messages stay
the same). With a typer that lacks these internals, `QuickCommand` is None and typer's
default command class is used."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any, get_args, get_origin


class _Unsupported(Exception):
    pass


def _convert(value: Any, annotation: Any) -> Any:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return [_convert(v, item) for v in value]
    if annotation is bool and isinstance(value, bool):
        return value
    if annotation is str:
        if not isinstance(value, str):
            raise _Unsupported
        return value
    if annotation is int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise _Unsupported
        return int(value)
    if annotation is Path:
        return value if isinstance(value, Path) else Path(value)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation(value)
    raise _Unsupported


try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer.core import TyperCommand, _TyperParameter
except ImportError:  # pragma: no cover - a typer without these internals
    QuickCommand = None
else:

    class _Direct(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return _convert(value, self.annotation)
            except (_Unsupported, ValueError, TypeError):
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    class QuickCommand(TyperCommand):  # type: ignore[no-redef]
        """A typer command whose options skip pydantic when they can."""

        def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
            for param in self.get_params(ctx):
                if isinstance(param, _TyperParameter) and getattr(param, "_runtime_param", False) is None:
                    descriptor = param.type_descriptor
                    param._runtime_param = _Direct(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
            return super().parse_args(ctx, args)
