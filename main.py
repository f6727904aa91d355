"""Entry point.

    python main.py                      the window, on the default corpus comparison
    python main.py LEFT RIGHT           the window, on two files
    python main.py compare LEFT RIGHT   a readable summary (or --json) on stdout
    python main.py pairs FILE.jsonl     same-event scores for sentence pairs, as JSON lines
    python main.py table FILES_OR_DIR   one fact table across several articles on one story
    python main.py --version            the version, nothing imported

Subcommands run the engine alone and never import Qt.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

COMMANDS = ("compare", "pairs", "report", "matrix", "table")
# Commands that leave nothing running and every file they wrote closed when they return:
# for them the interpreter's teardown (freeing the comparison, the engine's caches and
# the modules one object at a time: ~0.5 s at 50,000 words a side) is skipped.  `matrix`
# is left out: it may start worker processes or a Dask cluster, whose own exit handlers
# must run.
FAST_EXIT = ("compare", "pairs", "report", "table")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] in (["--version"], ["-V"]):
        from core import __version__  # core/__init__.py holds only the version

        print(f"factcompare {__version__}")
        return 0
    if args and args[0] in COMMANDS:
        from cli.commands import run_command

        return run_command(args)
    from gui.app import run_app

    return run_app(args)


def prepare_process(args: list[str]) -> bool:
    """Whether ``args`` run a one-shot command; for one, pause the cycle collector now.

    Those commands run with it paused (cli.commands says why); paused from the start, it
    also skips the passes it made over the tens of thousands of objects the imports
    create (functions, classes, patterns: ~10% of the imports' time), none of them garbage.
    For the process's own command only: tests call ``main`` in their own process.
    """
    if args[:1] and args[0] in FAST_EXIT:
        gc.disable()
        return True
    return False


def exit_now(code: int) -> None:
    """Flush what was printed and end the process without the interpreter's teardown."""
    for stream in (sys.stdout, sys.stderr):
        # A reader gone (`| head`) or a closed stream: nothing more can be written.
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    one_shot = prepare_process(sys.argv[1:])
    status = main()
    if one_shot:
        exit_now(status)
    sys.exit(status)
