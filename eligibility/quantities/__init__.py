"""Quantities as people write them: the one unit registry (``units.txt``), the allow-list
grammar that reads ``１５０ ｋＪ／ｍ３`` or ``46 MGOe`` exactly, and how numbers and units are
shown back. Magnitudes are Fractions throughout, so no float noise reaches a verdict.
"""
