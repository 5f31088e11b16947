"""The dashboard in a real browser: Debian's Chromium (never a downloaded one) drives the
Streamlit server over a small warehouse's published snapshot. Every page renders, a filter
changes the figures, and a figure drills down to its PDF page with its cell outlined in red.

``DASHBOARD_SCREENSHOTS=docs/screenshots`` also writes the README's screenshots.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import playwright.sync_api as playwright  # a dev dependency; it never downloads a browser here
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from pipelines.dashboard import pdf_page, view
from pipelines.dashboard.data import SnapshotMissing, query
from pipelines.warehouse import connect
from pipelines.warehouse.publish import publish_snapshot, snapshot_path

playwright.expect.set_options(timeout=30_000)  # a page renders in 1-5 s; the machine is shared

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data/samples"
UNIT_2022, UNIT_2021 = "d323_2022_budget.pdf", "d323_2021_budget.pdf"  # a class disappears
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {  # url path → what the page must show
    "": ("覆盖情况", "单位 × 年度", "文件清单"),  # the default page is the root
    "unit?unit=323&year=2022&kind=budget": (
        "单位详情",
        "收支总额",
        "收入来源",
        "按功能分类的同比变化",
        "“三公”经费趋势",
        "基本支出构成",
    ),
    "quality": ("数据质量", "未通过的校验"),
    "source": ("原文定位",),
}
RED = (255, 0, 0)


@pytest.fixture(scope="module")
def warehouse(samples_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's warehouse of every sample (conftest), published as `make run`
    does: the dashboard reads only the snapshot."""
    path = tmp_path_factory.mktemp("dashboard") / "warehouse.duckdb"
    shutil.copyfile(samples_warehouse, path)  # closed (so checkpointed) by its fixture
    with connect(path) as con:
        publish_snapshot(con, path)
    return path


def read(warehouse: Path, sql: str, *params: object) -> list[tuple]:
    """Expected figures, read from the snapshot the dashboard reads."""
    with duckdb.connect(str(snapshot_path(warehouse)), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(warehouse: Path) -> Iterator[str]:
    port = free_port()
    env = os.environ | {"PIPELINES_WAREHOUSE": str(warehouse), "PIPELINES_PDF_DIRS": str(SAMPLES)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "pipelines/dashboard/app.py",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"dashboard did not start: {proc.stdout.read()}") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 2400}, base_url=server)
    yield context.new_page()
    context.close()


def open_page(page, path: str) -> None:
    page.goto(f"/{path}")
    page.get_by_text("数据快照：").wait_for(timeout=30_000)  # the last line of every page


def screenshot(page, name: str, tmp_path: Path) -> None:
    """A small PNG (64 colours) of the page, in $DASHBOARD_SCREENSHOTS or the test's tmp."""
    folder = Path(os.environ.get("DASHBOARD_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(1500)  # charts draw after their data arrives: only the picture waits
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    content = ImageChops.difference(shot, Image.new("RGB", shot.size, "white")).crop(
        (shot.width // 4, 0, shot.width, shot.height)  # right of the sidebar
    )
    bottom = (content.getbbox() or (0, 0, 0, shot.height))[3]
    shot = shot.crop((0, 0, shot.width, min(shot.height, bottom + 40)))
    shot.quantize(colors=64).save(folder / f"{name}.png", optimize=True)


@pytest.mark.slow
def test_every_page_renders(page, tmp_path: Path) -> None:
    expect = playwright.expect
    for path, texts in PAGES.items():
        open_page(page, path)
        for text in texts:
            expect(page.get_by_text(text).first).to_be_visible()
        assert page.get_by_test_id("stException").count() == 0, path
        assert page.get_by_test_id("stAlertContentError").count() == 0, path
        assert page.get_by_text("Page not found").count() == 0, path
        if path in ("", "unit?unit=323&year=2022&kind=budget"):
            assert page.locator("a.drill").count() > 0, f"{path}: no figure links to its page"
        if path != "source":  # the drill-down test shows it with a page
            screenshot(page, path.split("?")[0] or "coverage", tmp_path)


@pytest.mark.slow
def test_failed_checks_show_expected_and_observed(page, warehouse: Path) -> None:
    failed = read(warehouse, "select check_name, expected, observed from mart.failed_checks")
    open_page(page, "quality")
    for check, expected, observed in failed:
        row = page.locator("table.dash tr", has_text=check).first
        playwright.expect(row).to_contain_text(expected)
        playwright.expect(row).to_contain_text(observed)


@pytest.mark.slow
def test_a_disappeared_class_is_listed_with_last_years_figure(page, warehouse: Path) -> None:
    gone = read(
        warehouse,
        "select y.item_code, y.prev_amount_wan from mart.yoy_by_function_class y "
        "join core.documents d using (document_id) "
        "where d.file_name = ? and y.change_kind = 'disappeared' "
        "and y.level = 1",
        UNIT_2022,
    )
    assert gone, "the samples lost the class that disappears in 2022"
    open_page(page, "unit?unit=323&year=2022&kind=budget")
    for code, prev in gone:
        row = page.locator("table.dash tr", has=page.locator(f"td:text-is('{code}')"))
        playwright.expect(row).to_contain_text("消失")
        playwright.expect(row).to_contain_text(f"{prev:,.2f}")


def totals_table(page):
    return page.locator("table.dash").first


def income_total(warehouse: Path, file_name: str) -> str:
    [(amount,)] = read(
        warehouse,
        "select amount_wan from core.fact_line_items f join core.documents d using "
        "(document_id) where d.file_name = ? and f.table_code = 'income_expenditure_summary' "
        "and f.side = 'income' and core.label_key(f.item_name) = '收入总计'",
        file_name,
    )
    return f"{amount:,.2f}"


def choose(page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=False).first.click()


@pytest.mark.slow
def test_a_filter_changes_the_figures(page, warehouse: Path) -> None:
    open_page(page, "unit?unit=323&year=2022&kind=budget")
    before, after = income_total(warehouse, UNIT_2022), income_total(warehouse, UNIT_2021)
    assert before != after
    playwright.expect(totals_table(page)).to_contain_text(before)
    choose(page, "年度", "2021")
    playwright.expect(totals_table(page)).to_contain_text(after)
    playwright.expect(totals_table(page)).not_to_contain_text(before)
    choose(page, "单位", "207")
    caption = page.get_by_text("207 石家庄").filter(has_text="文件 d207_")
    file_name = caption.inner_text().split("文件 ")[1].split(" ")[0]  # the year it fell back to
    playwright.expect(totals_table(page)).to_contain_text(income_total(warehouse, file_name))


def red_mask(image: Image.Image) -> np.ndarray:
    pixels = np.asarray(image.convert("RGB")).astype(int)
    return (pixels[..., 0] > 200) & (pixels[..., 1] < 60) & (pixels[..., 2] < 60)


@pytest.mark.slow
def test_a_figure_drills_down_to_its_page_with_the_cell_outlined(
    page, warehouse: Path, tmp_path: Path
) -> None:
    open_page(page, "unit?unit=323&year=2022&kind=budget")
    link = totals_table(page).locator("a.drill").first  # 收入总计
    link.click()
    page.wait_for_url("**/source?facts=*")
    fact_id = int(page.url.rsplit("=", 1)[1])
    [(file_name, page_no, bbox)] = read(
        warehouse,
        "select d.file_name, f.page, f.bbox from core.fact_line_items f "
        "join core.documents d using (document_id) where f.fact_id = ?",
        fact_id,
    )
    assert file_name == "d323_2022_budget.pdf"
    band = page.get_by_role("img", name=f"第 {page_no} 页局部", exact=True)
    band_image = Image.open(io.BytesIO(page.request.get(band.get_attribute("src")).body()))
    assert red_mask(band_image).sum() > 0, "the close-up above the page shows no outline"
    image_element = page.get_by_role("img", name=f"{file_name} 第 {page_no} 页", exact=True)
    image_element.wait_for(timeout=30_000)
    response = page.request.get(image_element.get_attribute("src"))
    shown = Image.open(io.BytesIO(response.body())).convert("RGB")
    screenshot(page, "source", tmp_path)

    pdf = pdfium.PdfDocument(SAMPLES / file_name)
    width_pt, height_pt = pdf[page_no - 1].get_size()
    scale = shown.width / width_pt
    assert abs(shown.height - height_pt * scale) <= 1

    # The outline: red pixels around the cell's box, and none anywhere else.
    x0, y0, x1, y1 = bbox
    left, right = x0 * scale, x1 * scale
    top, bottom = (height_pt - y1) * scale, (height_pt - y0) * scale
    red = red_mask(shown)
    margin = 8
    near = np.zeros_like(red)
    near[int(top) - margin : int(bottom) + margin, int(left) - margin : int(right) + margin] = True
    inside = np.zeros_like(red)
    inside[int(top) + margin : int(bottom) - margin, int(left) + margin : int(right) - margin] = (
        True
    )
    assert red[near].sum() >= 2 * ((right - left) + (bottom - top)), "no outline around the cell"
    assert red[~near].sum() == 0 and red[inside].sum() == 0, "red outside the cell's outline"

    # The right page: away from the outline it is that page, pixel for pixel, not another one.
    def rendered(number: int) -> np.ndarray:
        return np.asarray(pdf[number - 1].render(scale=scale).to_pil().convert("RGB"), dtype=float)

    def difference(number: int) -> float:  # on the common size (renders may differ by 1 px)
        other = rendered(number)
        h, w = min(other.shape[0], shown.height), min(other.shape[1], shown.width)
        shown_pixels = np.asarray(shown, dtype=float)[:h, :w]
        return float(np.abs(shown_pixels - other[:h, :w])[~near[:h, :w]].mean())

    same, other = difference(page_no), difference(page_no + 1)
    assert same < 1 and other > 3 * same + 1, (same, other)


# Fast checks of the pieces the pages are made of.


def test_figures_are_shown_in_wan_with_every_printed_decimal() -> None:
    assert view.wan(1234.5) == "1,234.50"
    assert view.wan(0.123456) == "0.123456"  # a 元 figure divided by 10,000 keeps its digits
    assert view.wan(None) == view.wan(float("nan")) == "—"
    assert view.source_href([3, 1]) == "source?facts=3,1"
    assert view.source_href(None) is None


def test_a_box_in_points_maps_onto_the_render() -> None:
    # PDF origin bottom-left, image origin top-left; 2 px per point.
    assert pdf_page.to_pixels([10, 700, 60, 720], 0, 842) == (20, 244, 120, 284)


def test_the_pdf_is_the_file_whose_bytes_are_the_document(tmp_path: Path) -> None:
    name = UNIT_2021
    original = (SAMPLES / name).read_bytes()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / name).write_bytes(original + b"\n")  # same name, other bytes
    (tmp_path / "b" / name).write_bytes(original)
    document_id = hashlib.sha256(original).hexdigest()
    folders = [tmp_path / "missing", tmp_path / "a", tmp_path / "b"]
    assert pdf_page.find_pdf(name, document_id, folders) == tmp_path / "b" / name
    assert pdf_page.find_pdf(name, document_id, folders[:2]) is None


def test_without_a_snapshot_the_dashboard_says_what_to_run(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PIPELINES_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    with pytest.raises(SnapshotMissing, match="make run"):
        query("coverage", doc_kind="")
    assert not (tmp_path / "warehouse.duckdb").exists()  # never creates the writer's file
