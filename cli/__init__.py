"""The command line: argparse, printing and exit codes over the Qt-free engine in ``core``."""
