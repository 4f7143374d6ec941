"""Results as people and programs read them.

The shared layer, used by every format: ``escape`` (text made safe for each medium: terminal,
Markdown, HTML, CSV), ``table`` (columns measured in display columns, CJK-aware),
``provenance`` (what a report stands on), ``outline`` (what every readable report lists, and
the batch writer interface) and ``page`` (the one HTML page). On top, ``formats``: one module
per output format, each rendering one result and a batch, chosen by the ``CheckFormat`` and
``ScreenFormat`` enums. ``files`` writes report files safely; ``result`` and ``batch`` keep
the names older callers use.
"""
