"""What a reader notices about a whole document: 目录 vs tables, blank tables, leftovers, dates.

Pages are built from text lines as pdfium reads them, so each rule is shown on the exact
wording published documents print; ``tests/test_real_defects.py`` shows the same notes
raised, as warnings, on real PDFs with one slip seeded.
"""

from __future__ import annotations

from pipelines.extract.document_notes import document_notes
from pipelines.extract.pdf_text import PageText, TextLine
from pipelines.extract.tables import BodyRow, RawTable
from pipelines.extract.titles import TitleBlock


def page(number: int, *texts: str) -> PageText:
    lines = [TextLine(t, top=20.0 * i, bottom=20.0 * i + 12, x0=50) for i, t in enumerate(texts)]
    return PageText(number, 595, 842, lines, ruled=False)


def table(code: str, title: str, first_page: int, *cells: str) -> RawTable:
    rows = [BodyRow(first_page, ["合计", c]) for c in cells]
    return RawTable(code, title, first_page, [], TitleBlock(), rows, last_page=first_page)


TOC = page(
    2,
    "目 录",
    "一、部门职责及机构设置",
    "二、2022年部门收支总表 ………… 5",
    "三、2022年部门收入总表 ………… 6",
    "四、2022年“三公”经费支出预算表 ………… 7",
)


def kinds(notes: list[dict[str, object]]) -> list[str]:
    return [str(n["kind"]) for n in notes]


def test_a_table_the_toc_lists_and_no_page_prints_is_noticed_with_its_toc_page():
    pages = [TOC, page(5, "2022年部门收支总表"), page(6, "2022年部门收入总表")]
    tables = [
        table("income_expenditure_summary", "2022年部门收支总表", 5, "10.00"),
        table("income_summary", "2022年部门收入总表", 6, "10.00"),
    ]
    notes = document_notes(pages, tables, 2022, "budget", "full")
    assert kinds(notes) == ["toc_table_missing"]
    assert notes[0]["page"] == 2 and "三公" in str(notes[0]["printed"])


def test_a_table_printed_but_not_read_is_not_missing():
    """The 三公 title is printed on page 7 (its grid may have been misread): no note."""
    pages = [TOC, page(5, "2022年部门收支总表"), page(6, "2022年部门收入总表"),
             page(7, "2022年“三公”经费支出预算表")]  # fmt: skip
    tables = [table("income_expenditure_summary", "2022年部门收支总表", 5, "10.00")]
    assert document_notes(pages, tables, 2022, "budget", "full") == []


def test_a_narrative_only_file_lists_tables_its_companion_holds():
    assert document_notes([TOC], [], 2022, "budget", "narrative") == []


def test_a_blank_table_needs_a_note_saying_why():
    pages = [page(7, "2022年“三公”经费支出预算表")]
    blank = table("three_public_expenditure", "2022年“三公”经费支出预算表", 7, "")
    notes = document_notes(pages, [blank], 2022, "budget", "tables")
    assert kinds(notes) == ["blank_table"] and notes[0]["page"] == 7 and not notes[0]["noted"]
    note = "注：本单位2022年无“三公”经费预算，故本表无数据。"
    noted = [page(7, "2022年“三公”经费支出预算表", note)]
    assert [n["noted"] for n in document_notes(noted, [blank], 2022, "budget", "tables")] == [True]


def test_template_alternatives_in_a_sentence_and_placeholders_are_noticed():
    pages = [
        page(3, "因公出国（境）经费0万元，较上年增加（减少）0万元（0%）。", "增加（减少）"),
        page(4, "XX局2022年部门预算"),
    ]
    notes = document_notes(pages, [], 2022, "budget", "narrative")
    assert kinds(notes) == ["template_alternatives", "placeholder"]
    assert [n["page"] for n in notes] == [3, 4]  # the bare column header is not a sentence


def test_a_cutoff_date_of_an_earlier_year_is_noticed():
    budget = [page(9, "截至2021年12月31日，本部门共有车辆3辆。")]
    assert kinds(document_notes(budget, [], 2022, "budget", "narrative")) == []
    assert kinds(document_notes(budget, [], 2023, "budget", "narrative")) == ["stale_cutoff_date"]
    final = [page(9, "截止2021年底，本部门共有车辆3辆。")]
    assert kinds(document_notes(final, [], 2021, "final_accounts", "full")) == []
    assert kinds(document_notes(final, [], 2022, "final_accounts", "full")) == ["stale_cutoff_date"]
