"""Read the narrative part of a disclosure's plain text into model blocks.

The seed text is what a PDF-to-text tool made of a real disclosure: tab-separated table rows,
markdown-ish bullets, TeX-ish ``$\\geq 95\\%$`` and paragraphs broken at page ends. This module
undoes those artefacts so the renderer can print the narrative the way the original did.
"""

from __future__ import annotations

import re

from .model import Block, FamilyTable, Indicator, Paragraph, SmallTable, TargetTable

NARRATIVE_START = re.compile(r"年部门(预算|决算)信息公开情况说明$")
TARGET_TITLE = re.compile(r"^(\d+)、(.+)绩效目标表$")
SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第.部分)")
TEX = ((r"\$\s*\\geq\s*", "≥"), (r"\$\s*\\leq\s*", "≤"), (r"\\%\s*\$", "%"))
SENTENCE_END = "。；：！？）)%"


def clean_line(line: str) -> str:
    line = line.strip()
    line = re.sub(r"^- ", "", line).replace("**", "")
    for pattern, repl in TEX:
        line = re.sub(pattern, repl, line)
    return line


def read_target_table(seq: int, name: str, lines: list[list[str]]) -> TargetTable:
    goal = lines[0][1]
    indicators, level1 = [], ""
    for cells in lines[2:]:
        cells = (cells + [""] * 6)[:6]
        level1 = cells[0] or level1
        indicators.append(Indicator(level1, *cells[1:6]))
    return TargetTable(seq, name, goal, indicators)


def read_narrative(text: str, family_tables: dict[str, FamilyTable]) -> list[Block]:
    """Blocks from the 情况说明 heading to the end; ``family_tables`` replace titled tables."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if NARRATIVE_START.search(ln.strip()))
    blocks: list[Block] = []
    i = start
    while i < len(lines):
        raw, line = lines[i], clean_line(lines[i])
        i += 1
        if not line:
            continue
        if line in family_tables:
            blocks.append(family_tables[line])
            while i < len(lines) and not SECTION_HEADING.match(clean_line(lines[i])):
                i += 1
            continue
        if "\t" in raw:
            rows = []
            i -= 1
            while i < len(lines) and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            previous = blocks[-1] if blocks else None
            match = TARGET_TITLE.match(previous.text) if isinstance(previous, Paragraph) else None
            if match:
                blocks[-1] = read_target_table(int(match[1]), match[2], rows)
            else:
                blocks.append(SmallTable([[c for c in r if c] for r in rows]))
            continue
        blocks.append(Paragraph(line, heading=bool(SECTION_HEADING.match(line))))
    return join_page_broken_paragraphs(blocks)


def join_page_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """'…认真履行各项法定职责，不' + '断完善…' were one paragraph before the page break."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Paragraph)
            and isinstance(prev, Paragraph)
            and len(prev.text) > 40
            and prev.text[-1] not in SENTENCE_END
            and not block.heading
            and not re.match(r"^\d+、", block.text)
        ):
            prev.text += block.text
            continue
        out.append(block)
    return out
