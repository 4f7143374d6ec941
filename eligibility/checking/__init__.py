"""Checking a parsed application against a compiled rule set: each plan's fields read by their
types (``fields``), each rule evaluated (``rules``), one plan (``plan``), the whole document
(``document``), and what comes out (``result``). Nothing here raises on bad input: every problem
is a finding.
"""
