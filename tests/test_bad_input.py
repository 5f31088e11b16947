"""Unreadable files get a reason a person can act on; readable oddities are read.

Each committed fixture (scripts/make_bad_fixtures.py) through extract + normalise, without a
warehouse: the whole batch through the command line is tests/test_bad_input_batch.py.
"""

import os
import re
import shutil

import pytest
from conftest import BAD_FIXTURES

from pipelines.extract.document import extract_document
from pipelines.extract.errors import UnreadableDocument
from pipelines.extract.pdf_text import open_pdf, unrestricted
from pipelines.inbox_files import folder_pdfs
from pipelines.normalize.facts import tidy_facts

REASONS = {
    "empty.pdf": "empty (0 bytes): re-download it",
    "truncated.pdf": "cut short (no %%EOF at its end)",
    "not_a_pdf.pdf": "not a PDF file (no %PDF header): check the file type",
    "encrypted.pdf": "encrypted with a password: ask the publisher for an open copy",
    "scanned.pdf": "no text layer: this looks like a scanned document; OCR it",
    "images_only.pdf": "no text layer: this looks like a scanned document; OCR it",
    "not_a_disclosure.pdf": "does not look like a 部门预算/决算 disclosure",
    "zero_pages.pdf": "the PDF has no pages",
    "portfolio.pdf": "a PDF portfolio: the documents are 2 attached files",
    "xfa_form.pdf": "an XFA form",
    "page_tree_cycle.pdf": "page 2 of 2 cannot be loaded: the PDF's page tree is damaged",
    "no_tounicode.pdf": "its fonts carry no map from glyphs to characters (no ToUnicode map",
    "decimal_overflow.pdf": "a number too large for an amount: '1234567890123456' in table "
    "income_expenditure_summary (部门预算收支总表), page 1, row '一、一般公共预算拨款收入', "
    "column '预算数'",
    # its tables are fine, its narrative states a figure too large: the sentence to check
    "narrative_overflow.pdf": "is too large for an amount on page 1: '现将某县民政局2023年",
}
READABLE = {  # readable despite the oddity: unit read from the page
    "owner_password.pdf": "601",  # text extraction "not allowed": read from a plain copy
    "damaged_xref.pdf": "602",  # the xref table is rebuilt
    "corrupted_stream.pdf": "603",  # the table is drawn before the damage
    "javascript.pdf": "604",  # never run
    "attachment.pdf": "605",  # an attached file beside the tables
    "deep_nesting.pdf": "621",  # an array nested 100,000 deep: no reader needs it
    "huge_image.pdf": "622",  # a 400-megapixel stamp: never decoded to read the page
}


def extract_and_normalise(name: str):
    doc = extract_document(BAD_FIXTURES / name)
    return doc, tidy_facts(doc.meta, doc.tables)


@pytest.mark.parametrize(("name", "reason"), sorted(REASONS.items()))
def test_unreadable_files_are_refused_with_an_actionable_reason(name, reason):
    with pytest.raises(UnreadableDocument, match=re.escape(reason)):
        extract_and_normalise(name)


@pytest.mark.parametrize(("name", "unit"), sorted(READABLE.items()))
def test_readable_oddities_are_read(name, unit):
    doc, facts = extract_and_normalise(name)
    assert doc.meta.unit_key == unit
    assert len(facts) == 6  # the 收支总表's six amounts


PAST_LIMITS = {"huge_content_stream.pdf"}  # readable, but past the limits: tests/test_limits.py


def test_every_committed_fixture_is_covered():
    committed = {p.name for p in BAD_FIXTURES.glob("*.pdf")}
    assert committed == set(REASONS) | set(READABLE) | PAST_LIMITS


def test_owner_password_copy_is_plain_and_temporary():
    with unrestricted(BAD_FIXTURES / "owner_password.pdf") as copy:
        assert copy != BAD_FIXTURES / "owner_password.pdf"
        assert b"/Encrypt" not in copy.read_bytes()
    assert not copy.exists()
    plain = BAD_FIXTURES / "javascript.pdf"
    with unrestricted(plain) as same:
        assert same == plain


def test_a_file_gone_after_listing_says_put_it_back(tmp_path):
    with pytest.raises(UnreadableDocument, match="no longer there .* put it back in the inbox"):
        open_pdf(tmp_path / "moved_away.pdf")
    with pytest.raises(UnreadableDocument, match="cannot be read .* check its permissions"):
        open_pdf(tmp_path)  # a folder reached by a path given on the command line


def test_a_name_that_is_not_utf8_is_skipped_unopened(tmp_path):
    latin1 = tmp_path / os.fsdecode(b"caf\xe9.pdf")
    shutil.copyfile(BAD_FIXTURES / "good/unit_611.pdf", latin1)
    files, skipped = folder_pdfs(tmp_path)
    assert files == []
    assert "not UTF-8 (b'caf\\xe9.pdf'" in skipped[0].reason
    assert "rename it" in skipped[0].reason


def test_a_password_error_left_over_from_another_file_is_not_believed():
    """pdfium reports its last error code, process-wide: a worker that just refused an
    encrypted file must still call the next broken file by its own fault."""
    for name, reason in (("encrypted.pdf", "password"), ("zero_pages.pdf", "no pages")):
        with pytest.raises(UnreadableDocument, match=reason):
            open_pdf(BAD_FIXTURES / name)
