"""Shared test set-up: Qt offscreen, the automatic ``gui`` marker, golden-file updating.

With ``FACTCOMPARE_BLOCK_QT=1`` in the environment, importing PySide6 fails, as on a
machine without Qt: ``.ci/run`` runs the non-GUI tests that way, so that core/ and cli/
are shown to work with Qt absent.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


class _QtBlocker(importlib.abc.MetaPathFinder):
    """Refuses every Qt binding, as if none were installed."""

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname.split(".")[0] in QT_PACKAGES:
            raise ModuleNotFoundError(f"No module named {fullname!r} (Qt blocked for this run)")
        return None


if os.environ.get("FACTCOMPARE_BLOCK_QT") == "1":
    sys.meta_path.insert(0, _QtBlocker())

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
# core.semantic.CACHE_DIR_ENV, not imported here (it imports numpy, and some tests check
# what a fresh import pulls in); tests/test_semantic.py checks that the two agree.
USER_CACHE_ENV = "FACTCOMPARE_CACHE_DIR"


def bench_module(name: str) -> types.ModuleType:
    """bench/NAME.py loaded as module ``bench_NAME`` (bench/ is not a package; its scripts
    import each other, so bench/ goes on the path)."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def python_output(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter from the repository root: what a
    command imports or compiles can only be seen in a process that did nothing before."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def judged(left: str, right: str):  # type: ignore[no-untyped-def]
    """``core.verdict.judge`` of two invented sentences linked with a high score, with the
    default settings: the claims tests' one way to ask for a verdict (the engine is
    imported here, at the first call, so that collecting tests imports none of it)."""
    from core.settings import Settings
    from core.verdict import judge

    return judge(left, right, score=0.9, settings=Settings())


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current engine (review the diff!)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests that use Qt fixtures, or whose module imports Qt or the window, get the gui
    # marker, so `pytest -m "not gui"` is the fast loop and runs without Qt.
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures or _imports_qt(item):
            item.add_marker(pytest.mark.gui)


def _imports_qt(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    if module is None:
        return False
    for value in vars(module).values():
        name = (
            value.__name__
            if isinstance(value, types.ModuleType)
            else getattr(value, "__module__", "")
        )
        if isinstance(name, str) and name.split(".")[0] in (*QT_PACKAGES, "gui"):
            return True
    return False


@pytest.fixture(scope="session", autouse=True)
def _user_cache_of_the_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The optional embeddings keep their unpacked weights (~90 MB) in the user's cache
    folder: a test run keeps them in its own temporary folder instead, which pytest
    removes with its old runs, so that no test writes into the home folder."""
    if os.environ.get(USER_CACHE_ENV):
        yield
        return
    os.environ[USER_CACHE_ENV] = str(tmp_path_factory.mktemp("user-cache"))
    try:
        yield
    finally:
        os.environ.pop(USER_CACHE_ENV, None)


@pytest.fixture
def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))
