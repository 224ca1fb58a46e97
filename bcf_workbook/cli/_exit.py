"""Exit statuses of every command."""

#: Nothing to report at or above the chosen severity.
EXIT_OK = 0
#: The checks found something at or above ``--fail-on``.
EXIT_FINDINGS = 1
#: A file could not be read or written, or the command was misused.
EXIT_ERROR = 2
