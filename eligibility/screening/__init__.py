"""Screening a batch of application files on every core, one row per plan, with limits per file
so that one hostile file costs one row."""
