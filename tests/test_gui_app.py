"""Starting the window from the command line, and the default comparison."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from core.compare import compare
from core.default_pair import default_comparison
from core.loading import load_path
from core.model import Settings
from gui.app import parse_args

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "corpus").glob("*.txt"))


def test_default_pair_has_the_most_contradictions_then_links() -> None:
    chosen = default_comparison(settings=Settings())
    interest = {}
    for a, b in itertools.combinations(ARTICLES, 2):
        result = compare(load_path(a), load_path(b), settings=Settings())
        interest[(a.name, b.name)] = (len(result.contradictions()), len(result.links))
    key = (Path(chosen.left.source.path or "").name, Path(chosen.right.source.path or "").name)
    assert interest[key] == max(interest.values())


def test_arguments() -> None:
    assert parse_args([]).files == []
    assert parse_args(["a", "b", "--screenshot", "x.png"]).screenshot == "x.png"


def run_main(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path),
        FACTCOMPARE_DATA_DIR=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_screenshot_of_two_files(tmp_path: Path, qapp) -> None:
    picture = tmp_path / "shot.png"
    result = run_main([str(ARTICLES[2]), str(ARTICLES[4]), "--screenshot", str(picture)], tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1600, 1000)


def test_screenshot_of_a_missing_file_fails_with_a_message(tmp_path: Path) -> None:
    result = run_main(
        [str(tmp_path / "nope.txt"), str(ARTICLES[0]), "--screenshot", str(tmp_path / "x.png")],
        tmp_path,
    )
    assert result.returncode == 1
    assert "nope.txt" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_window_is_built_before_the_engine_is_imported() -> None:
    """The first frame waits for nothing it does not show: building and showing the window
    imports none of the engine's libraries (they come with the first comparison, on the
    worker thread)."""
    heavy = ("numpy", "scipy", "wordfreq", "ftfy", "rapidfuzz", "pysbd", "core.compare")
    code = (
        "import sys, tempfile\n"
        "from PySide6.QtCore import QSettings\n"
        "from gui.app import make_application\n"
        "from gui.main_window import MainWindow\n"
        "app = make_application()\n"
        "store = QSettings(tempfile.mkdtemp() + '/s.ini', QSettings.Format.IniFormat)\n"
        "window = MainWindow(store=store)\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_sample_pair_is_chosen_once_then_remembered(qtbot, tmp_path: Path, monkeypatch) -> None:
    """A later launch reads back the comparison the first one kept (or, without it,
    compares the remembered pair alone) and shows what choosing would show; other
    settings (or an edited engine or corpus) choose again."""
    import dataclasses

    from gui_support import make_window

    import gui.main_window as main_window

    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(tmp_path / "data"))
    chosen: list[object] = []
    real = main_window.default_comparison

    def choosing(**options: object):
        chosen.append(options["settings"])
        return real(**options)

    monkeypatch.setattr(main_window, "default_comparison", choosing)
    compared: list[object] = []
    real_remembered = main_window.remembered_sample

    def comparing(*args: object, **options: object):
        compared.append(args)
        return real_remembered(*args, **options)

    monkeypatch.setattr(main_window, "remembered_sample", comparing)
    shown = []
    for _ in range(2):
        window = make_window(qtbot, tmp_path)
        with qtbot.waitSignal(window.comparison_shown, timeout=120_000):
            window.open_default()
        shown.append(window.comparison)
        window.close()
    # The second window read the comparison the first one kept: nothing was compared.
    assert len(chosen) == 1 and len(compared) == 1
    # Without the kept comparison (a damaged file), the remembered pair alone is compared.
    main_window.sample_cache_path().write_text("{not json", encoding="utf-8")
    window = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.comparison_shown, timeout=120_000):
        window.open_default()
    assert len(chosen) == 1 and len(compared) == 2
    shown.append(window.comparison)
    window.close()

    def unstamped(document):  # when it was read differs, nothing else
        return dataclasses.replace(
            document, source=dataclasses.replace(document.source, loaded_at="")
        )

    first, second, third = shown
    assert first == second  # read back as it was computed, loading times included
    assert first is not None and third is not None
    assert dataclasses.replace(first, left=unstamped(first.left), right=unstamped(first.right)) == (
        dataclasses.replace(third, left=unstamped(third.left), right=unstamped(third.right))
    )
    window = make_window(qtbot, tmp_path)
    window.settings = dataclasses.replace(window.settings, link_threshold=0.3)
    with qtbot.waitSignal(window.comparison_shown, timeout=120_000):
        window.open_default()
    assert len(chosen) == 2  # other settings: chosen again
    window.close()
