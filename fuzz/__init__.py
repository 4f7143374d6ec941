"""Fuzzing of whole application documents: shared strategies and the long-run script."""
