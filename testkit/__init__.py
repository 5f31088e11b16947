"""Test kit: disclosure documents as data (the model, the reference disclosure, the renderer
xlsx → PDF) and the ground truth derived from the same data. Makes test fixtures and the
sample PDFs.

Not part of the installed ``pipelines`` package, and it shares no vocabulary with the
extractor: it prints from its own model of the document (``family.py``) and imports from
``pipelines`` only the fact contract's frame shape (``pipelines.schema``), so a change to what
the extractor recognises cannot silently change what the kit renders as truth
(``tests/test_testkit_independence.py``).
"""
