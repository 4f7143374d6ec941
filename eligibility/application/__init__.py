"""The application file: untrusted bytes read into a document (TOML and JSON readers, with room
for more formats), the ``[applicant]`` block, and the corporate number (法人番号).

Nothing here judges a plan: a file is either readable, giving a document for
:mod:`eligibility.checking`, or refused with one :class:`~eligibility.errors.ApplicationReadError`.
"""
