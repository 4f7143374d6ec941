"""Limits on untrusted input in a batch, in one place (see also eligibility.reader and
eligibility.quantity for the limits of one file and one quantity)."""

DEFAULT_TIME_LIMIT = 20.0  # seconds one file may take in `screen`
DEFAULT_MEMORY_LIMIT = 512 * 1024 * 1024  # bytes a worker may use for a file, beyond its start
