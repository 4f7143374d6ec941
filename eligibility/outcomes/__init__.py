"""Outcome indicators (アウトカム指標): the program office's second use of this library, after
screening. Operators' status reports, program statistics and stage-gate results are read and
measured against the program's logic model, and reported.

The folder follows the data's path:

- ``fiscal_year``: Japanese fiscal years, read and shown;
- ``indicators``: the indicator set (model and loader, versioned by effective date), with
  ``statuses`` (the status words and the shape of the status rules the file holds);
- ``inputs``: which files, each read as untrusted bytes into a document of one kind;
  ``reports``, ``statistics``, ``stage_gates``: each kind's content, every problem a finding
  (``findings``); ``corrections``: which status reports are current;
- ``measure``: merging what the files say and computing each indicator's values;
  ``judge``: the status rules applied year by year;
- ``schema``: JSON Schemas of the inputs;
- ``render``: one module per output format, and the SVG charts;
- ``screening_rules``: the one place that calls into the screening rule set and checks.
"""
