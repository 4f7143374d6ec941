"""Outcomes as people and programs read them, one module per format: a terminal table
(``table``), JSON (``json``), CSV (``csv``), Markdown (``markdown``), a printable HTML page
with the charts inline (``html``), and one SVG chart per indicator (``chart``); what they share
is in ``common``.
:class:`~eligibility.rendering.formats.OutcomesFormat` names the formats and
:func:`~eligibility.outcomes.render.formats.render` picks the writer, so a new format is one
module and one member there, and the command line never branches on a format's name.
"""
