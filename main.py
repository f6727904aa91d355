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

import sys

COMMANDS = ("compare", "pairs", "report", "matrix", "table")


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


if __name__ == "__main__":
    sys.exit(main())
