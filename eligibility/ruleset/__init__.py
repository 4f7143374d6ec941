"""The rule set: the policy's criteria as TOML data, validated and compiled before any use.

- ``schema``: the shape of rule-set files (pydantic models);
- ``loader``: reading a folder, compiling every check, reporting every problem with file and key;
- ``model``: the compiled rule set that checking reads;
- ``expressions``: arithmetic over plan fields as rule files write it;
- ``select``: finding rule sets on disk and choosing the revision in force on a day;
- ``cache``: keeping a compiled rule set between runs.
"""
