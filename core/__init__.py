"""The comparison engine: loading, segmentation, alignment, facts and verdicts.

Pure Python with no GUI dependency, so it runs from the command line and in tests alone.
"""

__version__ = "0.1.0"
