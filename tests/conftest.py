import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_result_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own empty result cache: never the user's, never another test's."""
    monkeypatch.setenv("GOFIXLEAK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
