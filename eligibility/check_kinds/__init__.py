"""Check kinds: the tests a rule can make, one module per kind, found by the registry.

A rule in a rule file names its kind with ``test = "compare"`` (``range``, ``member``,
``all_true``, ``any``, ``flag``). Each kind is one module here that defines ``KIND``, a
subclass of :class:`~eligibility.check_kinds.base.Criterion` (a frozen dataclass: the rule's
compiled test) owning everything about the kind:

- its rule-file keys: ``rule_file()``, a pydantic model whose ``test`` is the kind's name
  (the loader validates a rule against the union of every kind's model, discriminated by
  ``test``; the models are built on first use, so a cached rule set needs no pydantic);
- compiling those keys against the rule set (``compile``), reporting each problem by key;
- evaluating a plan's fields (``evaluate``);
- its threshold text (``threshold_text``, in listings and explain) and the comparison it makes
  in words (``comparison``, ``branch_comparisons``);
- explain's examples: values just passing and just failing (``examples``);
- its template hint: which fields a plan must state (``field_groups``).

:mod:`~eligibility.check_kinds.registry` maps each kind's name to its class; the loader,
checking and describe call a kind only through ``Criterion``. **A new kind is one module here
plus one boundary-case file** ``tests/check_kinds/cases/<kind>.toml`` (a tiny rule set and the
plans that pass, fail, are missing and are invalid; the tests refuse a kind without one).
Nothing outside a kind's own module compares a kind's name.
"""
