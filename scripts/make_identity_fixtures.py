"""Write tests/fixtures/identity/: small disclosures that print (or fail to print) who they are
the ways real ones do, spreadsheet → PDF with LibreOffice like government offices make them.

    .venv/bin/python scripts/make_identity_fixtures.py

Each fixture is one 收支总表 with a title block, plus a narrative line where the case needs
one. What each should become is in ``expected.json`` beside the PDFs (read by
tests/test_identity_documents.py). Written independently of the test-data renderer
(testkit/), so its wordings are not the renderer's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests/fixtures/identity"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "WenQuanYi Zen Hei"


@dataclass
class Fixture:
    name: str
    title: str
    block: list[str]  # the lines printed between the title and the table
    total: str  # 收入总计 = 支出总计, 万元
    narrative: list[str] = field(default_factory=list)  # printed under the table
    expected: dict[str, object] = field(default_factory=dict)


FIXTURES = [
    Fixture(
        "labelled_unit.pdf",
        "部门预算收支总表",
        ["单位名称：412 某县卫生健康局", "预算年度：2023        单位：万元"],
        "120.50",
        ["按照《预算法》规定，现将某县卫生健康局2023年部门预算公开如下："],
        {
            "status": "loaded",
            "dept_code": "412",
            "dept_name": "某县卫生健康局",
            "fiscal_year": 2023,
        },
    ),
    Fixture(
        "same_code_other_unit.pdf",
        "部门预算收支总表",
        ["单位名称：412 某县教育局", "预算年度：2023        单位：万元"],
        "88.00",
        [],
        {"status": "quarantined", "error": "already loaded as"},
    ),
    Fixture(
        "no_identity.pdf",
        "2023年部门收支总表",
        ["2023年，本部门收支预算如下表。      单位：万元"],
        "64.00",
        [],
        {"status": "quarantined", "error": "cannot tell which unit and year"},
    ),
    Fixture(
        "years_disagree.pdf",
        "部门预算收支总表",
        ["部门：415 某县民政局        单位：万元", "预算年度：2023"],
        "75.25",
        ["现将某县民政局2022年部门预算公开如下："],
        {"status": "quarantined", "error": "fiscal_year is printed differently"},
    ),
    Fixture(
        "name_only.pdf",
        "某县文化和旅游局2023年部门收支总表",
        ["编制单位：某县文化和旅游局        金额单位：万元"],
        "42.00",
        [],
        {
            "status": "loaded",
            "dept_code": None,
            "dept_name": "某县文化和旅游局",
            "fiscal_year": 2023,
        },
    ),
]


def rows(total: str) -> list[tuple[str, str, str, str]]:
    return [
        ("一、一般公共预算拨款收入", total, "一、一般公共服务支出", total),
        ("二、政府性基金预算拨款收入", "", "二、外交支出", ""),
        ("本年收入合计", total, "本年支出合计", total),
        ("收入总计", total, "支出总计", total),
    ]


def write_sheet(fixture: Fixture, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide, as offices print it
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for col, width in zip("ABCD", (34, 14, 34, 14), strict=True):
        ws.column_dimensions[col].width = width
    ws.append([fixture.title])
    ws.merge_cells("A1:D1")
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    for line in fixture.block:
        ws.append([line])
    start = ws.max_row + 1
    ws.append(["收入", "", "支出", ""])
    ws.merge_cells(f"A{start}:B{start}")
    ws.merge_cells(f"C{start}:D{start}")
    ws.append(["项目", "预算数", "项目", "预算数"])
    for row in rows(fixture.total):
        ws.append(list(row))
    for row in ws.iter_rows(min_row=start, max_row=ws.max_row):
        for cell in row:
            cell.border = BOX
    ws.append([])
    for line in fixture.narrative:
        ws.append([line])
    for row in ws.iter_rows():
        for cell in row:
            if cell.row != 1:
                cell.font = Font(name=FONT, size=10)
    wb.save(path)


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice is needed: bash scripts/setup.sh --render")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="identity-") as tmp:
        work = Path(tmp)
        sheets = []
        for fixture in FIXTURES:
            sheet = work / Path(fixture.name).with_suffix(".xlsx")
            write_sheet(fixture, sheet)
            sheets.append(sheet)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(OUT), *map(str, sheets)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    expected = {f.name: f.expected for f in FIXTURES}
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(FIXTURES)} fixtures to {OUT}")


if __name__ == "__main__":
    main()
