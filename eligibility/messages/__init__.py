"""The message catalogue: every sentence the tool writes about an application, a rule set or a
file, in English and Japanese, one module per area along the data's path.

Each module holds named templates — module-level :class:`~eligibility.text.Text` constants in
capitals, with named ``{placeholders}`` — and nothing else. Code says which message and with
which values::

    from eligibility.messages import checking as say
    say.UNKNOWN_KEY.format(key=label)

``format`` keeps the values and formats the template only when a renderer asks for the message
in one language (:class:`~eligibility.text.Message`); a value that is itself a ``Text`` (a
field's label, another message) is resolved in that same language. A misspelt name is a mypy
error, and ``tests/test_messages.py`` checks that every template has the same placeholders in
both languages, that every entry is used, and that no sentence is written as a literal pair
anywhere else. Labels, headings and column names of reports are in :mod:`eligibility.wording`.
"""
