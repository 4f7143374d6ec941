"""What a revision of the rule set would do to real applications, before it takes effect.

As PolicyEngine measures a reform against a baseline: every application of a batch is
checked under both rule sets (``compute``), and the report (``report``) lists each plan whose
verdict changes with the findings that changed it, a verdict transition matrix per track,
and the plans nearest each changed threshold. A reform is a rule set folder, or a small TOML
of overrides of the baseline (``reform``).
"""
