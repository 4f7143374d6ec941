"""Results as people and programs read them: one result (``result``), a screened batch
(``batch``), and writing report files safely (``files``)."""
