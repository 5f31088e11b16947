"""Write the bundled sample disclosures to data/samples/ (PDF + .facts.csv + .truth.json).

.venv/bin/python scripts/make_samples.py [OUT_DIR]

Unit 323 over 2021–2023 around the reference (2022 is the reference itself, rendered by
scripts/render_reference.py and left alone here), two more units covering every format
variant, and one corrected re-publication (``_v2``). All rendered in one LibreOffice run.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from testkit.consistency import check_disclosure
from testkit.generate import generate_disclosure
from testkit.model import Disclosure
from testkit.reference_d323 import UNIT_NAME, reference_disclosure
from testkit.render import render_many
from testkit.truth import write_truth
from testkit.variants import PRESETS, SEED_LIKE

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data/samples"
SEED = 2024
# The reference narrative says 2022 is 1632.01 万元 less than 2021: 11106.23 + 1632.01.
TOTAL_2021 = Decimal("12738.24")
SOCIAL, BUILDING = ("207", "石家庄正定新区社会事业局"), ("118", "石家庄正定新区建设和交通管理局")


def unit_323() -> dict[str, Disclosure]:
    ref = reference_disclosure()
    year_titles = replace(PRESETS["year_titles"], interlude=True)
    return {
        "d323_2021_budget": generate_disclosure(
            "323", UNIT_NAME, 2021, "budget", SEED, SEED_LIKE, template=ref, total_wan=TOTAL_2021
        ),
        "d323_2023_budget": generate_disclosure(
            "323", UNIT_NAME, 2023, "budget", SEED, year_titles, previous=ref
        ),
    }


def unit_social() -> dict[str, Disclosure]:
    """元 amounts, no table of contents, header-less continuation pages; a 决算 with zeros."""
    yuan = replace(PRESETS["yuan"], with_toc=False, repeat_header=False)
    final = replace(PRESETS["zeros"], label_word="档次")
    b2022 = generate_disclosure(*SOCIAL, 2022, "budget", SEED, yuan)
    return {
        "d207_2022_budget": b2022,
        "d207_2022_final_accounts": generate_disclosure(
            *SOCIAL, 2022, "final_accounts", SEED, final, template=b2022
        ),
        "d207_2023_budget": generate_disclosure(
            *SOCIAL, 2023, "budget", SEED, PRESETS["bare_titles"], previous=b2022
        ),
    }


def unit_building() -> dict[str, Disclosure]:
    """Landscape pages; the 2023 budget re-published once with one project amount corrected."""
    b2022 = generate_disclosure(*BUILDING, 2022, "budget", SEED, PRESETS["landscape"])
    args = (*BUILDING, 2023, "budget", SEED, SEED_LIKE, b2022)
    return {
        "d118_2022_budget": b2022,
        "d118_2023_budget": generate_disclosure(*args),
        "d118_2023_budget_v2": generate_disclosure(*args, revision=2),
    }


def main(out_dir: Path = DEFAULT_OUT) -> None:
    docs = unit_323() | unit_social() | unit_building()
    for stem, doc in docs.items():
        if problems := check_disclosure(doc):
            raise SystemExit(f"{stem} is inconsistent: {problems[:3]}")
    pdfs = {out_dir / f"{stem}.pdf": doc for stem, doc in docs.items()}
    render_many(pdfs)
    for pdf, doc in pdfs.items():
        write_truth(doc, pdf)
        print(pdf, f"{pdf.stat().st_size // 1024} KB")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
