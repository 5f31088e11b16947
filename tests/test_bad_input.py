"""Unreadable files get a reason a person can act on; nothing else is lost."""

import re

import pytest
from conftest import BAD_FIXTURES

from pipelines.extract.document import extract_document
from pipelines.extract.errors import UnreadableDocument

REASONS = {
    "empty.pdf": "empty (0 bytes)",
    "truncated.pdf": "damaged",
    "not_a_pdf.pdf": "not a PDF",
    "encrypted.pdf": "encrypted with a password",
    "scanned.pdf": "no text layer",
    "not_a_disclosure.pdf": "does not look like a 部门预算/决算 disclosure",
}


@pytest.mark.parametrize(("name", "reason"), sorted(REASONS.items()))
def test_unreadable_files_are_refused_with_an_actionable_reason(name, reason):
    with pytest.raises(UnreadableDocument, match=re.escape(reason)):
        extract_document(BAD_FIXTURES / name)
