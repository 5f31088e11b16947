"""Print the 情况说明 blocks: paragraphs, the 机构设置 table, the 项目绩效目标表 tables."""

from __future__ import annotations

from itertools import groupby

from .model import Paragraph, SmallTable, TargetTable
from .sheet import LINE_HEIGHT_PT, SheetWriter, line_count

NARRATIVE_WIDTHS = [12.0, 14.0, 16.0, 30.0, 12.0, 14.0]
TARGET_HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]


def write_paragraph(w: SheetWriter, p: Paragraph) -> None:
    w.text(p.text, bold=p.heading, size=11 if p.heading else 10)


def write_small_table(w: SheetWriter, t: SmallTable) -> None:
    for n, cells in enumerate(t.rows):
        w.grid_row(cells, bold=n == 0)


def estimated_height(w: SheetWriter, t: TargetTable) -> float:
    lines = 3 + line_count(t.goal_text, w.span_width(2, 6))
    for ind in t.indicators:
        cells = [ind.level1, ind.level2, ind.level3, ind.description, ind.target_text, ind.basis]
        lines += max(line_count(c, width) for c, width in zip(cells, w.widths, strict=True))
    return lines * (LINE_HEIGHT_PT + 4)


def write_target_table(w: SheetWriter, t: TargetTable) -> None:
    """Title, a 绩效目标 row spanning the table, the header, then indicators (一级指标 merged)."""
    if not w.fits(estimated_height(w, t)):
        w.page_break()
    w.text(f"{t.seq}、{t.project_name}绩效目标表", bold=True)
    goal_row = w.grid_row(
        ["绩效目标", t.goal_text, None, None, None, None],
        aligns=["center", "left", "left", "left", "left", "left"],
    )
    w.merge(goal_row, 2, goal_row, 6)
    w.grid_row(TARGET_HEADER, bold=True)
    for _level1, run in groupby(t.indicators, key=lambda i: i.level1):
        first = None
        for ind in run:
            cells = [
                ind.level1 if first is None else None,
                ind.level2,
                ind.level3,
                ind.description,
                ind.target_text,
                ind.basis,
            ]
            row = w.grid_row(cells, aligns=["center", "center", "center", "left", "center", "left"])
            first = first or row
        w.merge(first, 1, row, 1)
    w.blank()


def write_block(w: SheetWriter, block: Paragraph | SmallTable | TargetTable) -> None:
    if isinstance(block, Paragraph):
        write_paragraph(w, block)
    elif isinstance(block, SmallTable):
        write_small_table(w, block)
    else:
        write_target_table(w, block)
