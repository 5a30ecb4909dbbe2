"""Go sources several tests share."""


def calls_opener(package: str) -> bytes:
    """A function that opens through `openConfig`, a function of its package, and never
    closes what it gets."""
    return f"""package {package}

func load(name string) error {{
\tf, err := openConfig(name)
\tif err != nil {{
\t\treturn err
\t}}
\t_ = f
\treturn nil
}}
""".encode()
