"""Field types: how a plan's value of each declared type is read, described and sampled.

A rule set declares each field's ``type`` (``[fields."magnet.energy_product"] type =
"quantity"``). Each type is one module here that defines ``FIELD_TYPE``, an instance of
:class:`~eligibility.field_types.base.FieldType` owning everything the program does with a
value of that type: reading what an applicant wrote (a usable value, or a bilingual reason it
is not), the text saying what it accepts, its line in a blank template, its piece of the JSON
Schema, and a valid sample for explain's examples.

:mod:`~eligibility.field_types.registry` finds the modules by themselves: a new field type is
one module defining ``FIELD_TYPE``, plus a field of that type in the synthetic rule set
``tests/check_kinds/ruleset/fields.toml`` and cases that read it valid and invalid (the tests
refuse a type without them). Nothing outside its module compares a field's type name.
"""
