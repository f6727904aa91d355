"""The command line's exit codes, defined once."""

EXIT_OK = 0
# A problem the user can fix: a missing, unreadable, empty or oversized file, a bad option.
EXIT_USER_ERROR = 2
