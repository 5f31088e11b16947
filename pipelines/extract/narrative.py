"""Figures stated in the 情况说明 prose → one row per fact (fact_key, amount in 万元, sentence).

The narrative repeats the tables' key totals in words ("2022年预算收入 11106.23万元，其中…"), and
its year-over-year sentence is the only place last year's figure appears. Reading it lets the
warehouse check the prose against the tables and fill year-over-year gaps.

:mod:`.narrative_text` rebuilds the sentences (over line and page breaks); here each sentence
is read clause by clause (:func:`parse_sentence`), every amount labelled by the words printed
just before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd

from pipelines.schema import MAX_AMOUNT, NARRATIVE_DTYPES
from pipelines.text import normalise

from .errors import UnreadableDocument
from .grids import Grid
from .narrative_text import Sentence, is_toc_page, narrative_lines, sentences
from .pdf_text import PageText

__all__ = [
    "is_toc_page",
    "narrative_facts",
    "narrative_lines",
    "parse_sentence",
    "sentences",
]

TO_WAN = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
WAN_QUANTUM = Decimal("0.000001")  # DECIMAL(20, 6): 元 with two decimals stay exact

# After NFKC the Chinese comma is ',' too: a comma between a digit and three digits is a
# thousands separator ('1,917,782.34元'), any other comma ends a clause.
AMOUNT = re.compile(r"(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|亿元|元|%)")
CLAUSE_END = re.compile(r"[;:；：]|(?<!\d),|,(?!\d{3}(?!\d))")
LABEL_NOISE = re.compile(r"[、\s“”\"‘’「」]")

CHANGE = re.compile(
    r"(增加|增长|上升|提高|减少|下降|降低|压减|缩减|节约)了?(约|共|共计|为|额为|幅度?为?)?$"
    r"|(增幅|降幅|增长率|下降率)(为|达)?$"
)
DECREASE = re.compile(r"减|降|节约")
NO_CHANGE = re.compile(r"无变化|持平|与上年一致|无增减|未发生变化|没有变化|保持不变")
# A figure stated as absent: '本部门无政府性基金预算拨款收入', '公务接待费为零'. Only money can be
# absent this way ('无因公出国（境）计划' is no figure, '无论…' no statement).
NONE_OF = re.compile(
    r"^(本部门|本单位|我部门|我单位|该部门|该单位)?(\d{4}年度?)?(也|均|暂)?(没有|无)(?!论|变化|增减)"
    r"(?P<label>.+)$"
)
IS_ZERO = re.compile(r"^(?P<label>.+?)(为|是)?(零|0|无)$")
MONEY_WORD = re.compile(r"(收入|支出|经费|拨款|预算|资金|费)(安排)?$")
ITEM_CODE = re.compile(r"[（(]\d{3}(\d{2}){0,2}[)）]")  # a 功能/经济分类 code: 类 款 项
TOTAL_WORDS = re.compile(r"收支|收入|支出|总计|总额|合计|预算总")
SPECIFIC_WORDS = re.compile(
    r"三公|基本|项目|人员|公用|机关运行|采购|资产|出国|公务|接待|一般公共|基金|专户|其他"
)
PREVIOUS_YEAR = re.compile(
    r"(比|较|与|同)(上年|上一年度?|去年|\d{4}年度?)(预算|决算)?(数|总额|总计|合计|收支)?$"
    r"|^(上年|上一年度?|去年)度?(预算|决算)?(收支)?(总额|总计|合计|数)?(为|是)?$"
)
TOTAL_KEYS = frozenset(
    {
        "total",
        "total_income",
        "total_expenditure",
        "current_year_income",
        "current_year_expenditure",
        "prev_year_total",
    }
)

# (fact_key, label pattern, exclusion pattern): the first rule that matches the label wins, so
# specific items (三公 parts, 基本/项目支出, fund sources) come before the generic totals.
KEY_RULES: tuple[tuple[str, str, str | None], ...] = (
    ("three_public_total", r"三公", None),
    ("outbound_travel", r"出国", None),
    ("vehicle_total", r"用车购置(及|和)运|用车(经)?费", None),
    ("vehicle_purchase", r"用车购置", None),
    ("vehicle_operation", r"用车运[行维]|运行维护费", None),
    ("reception", r"公务接待", None),
    ("operating_cost", r"机关运行", None),
    ("procurement_total", r"政府采购", r"货物|工程|服务"),
    ("planned_asset_purchase", r"拟购置|计划购置|拟新增|购置固定资产|购置资产", None),
    ("fixed_assets_total", r"固定资产|资产总额", None),
    ("personnel_expenditure", r"人员经费|人员支出", None),
    ("public_expenditure", r"公用经费|公用支出", None),
    ("basic_expenditure", r"基本支出", None),
    ("project_expenditure", r"项目支出", None),
    ("general_budget_income", r"一般公共预算", r"支出"),
    ("gov_fund_income", r"政府性基金|基金预算|基金收入", r"支出"),
    ("special_account_income", r"财政专户", r"支出"),
    ("other_income", r"其他(来源)?收入", r"支出"),
    ("current_year_expenditure", r"本年支出|本年度支出", None),
    ("current_year_income", r"本年收入|本年度收入", None),
    ("total_expenditure", r"支出", r"一般公共|基金|拨款|转移|经营|上缴|补助"),
    ("total_income", r"收入", r"拨款|事业|经营|上级|附属|营业|税|利息|租"),
)


@dataclass(frozen=True)
class Fact:
    """One figure read from a sentence; ``offset`` is where its number starts."""

    fact_key: str
    amount_wan: Decimal | None
    value: float | None
    unit: str | None
    offset: int


# --- one sentence → facts -------------------------------------------------------------------


def fold(text: str) -> str:
    """NFKC one character at a time ('１２３．４５' → '123.45', ⽀ → 支, '，' → ','), so that an
    offset into the result is an offset into the printed sentence."""
    return "".join(n if len(n := normalise(c)) == 1 else c for c in text)


def percentage_fact(sign: int, number: str, offset: int) -> Fact:
    """The total's change in %: ``value`` as the DDL says, and the same exact figure in
    ``amount_wan`` (with unit '%') because consumers read one figure column per fact — the
    validation rules take amount_wan first, and so does the corpus scorer."""
    pct = (sign * Decimal(number.replace(",", ""))).quantize(WAN_QUANTUM)
    return Fact("yoy_change_pct", pct, float(pct), "%", offset)


def to_wan(number: str, unit: str) -> Decimal:
    """Exact 万元 amount of a printed number in 元/万元/亿元."""
    amount = Decimal(number.replace(",", "")) * TO_WAN[unit]
    if abs(amount) >= MAX_AMOUNT:
        raise OverflowError(f"{number}{unit} is too large for an amount")
    return amount.quantize(WAN_QUANTUM, rounding=ROUND_HALF_EVEN)


def base_key(label: str) -> str | None:
    """The fact a label names ('其中，一般公共预算收入' → general_budget_income), if any."""
    if PREVIOUS_YEAR.search(label):
        return "prev_year_total"
    for key, pattern, exclude in KEY_RULES:
        if re.search(pattern, label) and not (exclude and re.search(exclude, label)):
            return key
    return None


def about_total(label: str, subject: str | None) -> bool:
    """Is a change stated for the document total (not, say, for the 三公 figure)?"""
    if SPECIFIC_WORDS.search(label):
        return False
    return bool(TOTAL_WORDS.search(label)) or subject in TOTAL_KEYS


def clauses(text: str) -> Iterator[tuple[int, str]]:
    """(offset, clause) pieces of a sentence, cut at ，；： so each label stays local."""
    start = 0
    for m in CLAUSE_END.finditer(text):
        yield start, text[start : m.start()]
        start = m.end()
    yield start, text[start:]


def parse_sentence(sentence: str) -> list[Fact]:
    """Every budget figure a sentence states, labelled by the words printed before it.

    A number preceded by 增加/减少… is a change: kept (signed) only when it is the total's
    change (yoy_change, yoy_change_pct); other percentages ('达到90%以上') are not facts.
    """
    text = fold(sentence)
    facts: list[Fact] = []
    subject: str | None = None
    for offset, clause in clauses(text):
        label_start = 0
        for m in AMOUNT.finditer(clause):
            label = LABEL_NOISE.sub("", clause[label_start : m.start()])
            label_start = m.end()
            fact, subject = read_amount(label, m, offset + m.start(), subject)
            facts += [fact] if fact else []
        if label_start == 0:
            words = LABEL_NOISE.sub("", clause).rstrip("。!?")
            facts += unstated_amount(words, offset, subject)
    return facts


def unstated_amount(clause: str, offset: int, subject: str | None) -> list[Fact]:
    """A clause without a number that still states one: no change (0), or none of a fund."""
    if NO_CHANGE.search(clause):
        return (
            [Fact("yoy_change", Decimal(0), None, None, offset)]
            if about_total(clause, subject)
            else []
        )
    m = NONE_OF.match(clause) or IS_ZERO.match(clause)
    key = base_key(m.group("label")) if m and MONEY_WORD.search(m.group("label")) else None
    return [Fact(key, Decimal(0), None, None, offset)] if key else []


def read_amount(
    label: str, m: re.Match[str], offset: int, subject: str | None
) -> tuple[Fact | None, str | None]:
    """The fact for one amount match and the sentence's subject after it."""
    number, unit = m.group(1) + (m.group(2) or ""), m.group(3)
    change = CHANGE.search(label)
    if change:
        if not about_total(label, subject):
            return None, subject
        sign = -1 if DECREASE.search(change.group(0)) else 1
        if unit == "%":
            return percentage_fact(sign, number, offset), "total"
        return Fact("yoy_change", sign * to_wan(number, unit), None, unit, offset), "total"
    if unit == "%":
        return None, subject
    if ITEM_CODE.search(label):  # '11.其他司法支出（2040699）': one class, whatever its words
        return None, "item"
    key = base_key(label)
    if key is None:
        if re.search(r"收支|总计|总额", label):
            return None, "total"
        # a quantity the facts do not name ('其中财政拨款收入'): a change after it is its own
        return None, "item" if MONEY_WORD.search(label) else subject
    fact = Fact(key, to_wan(number, unit), None, unit, offset)
    return fact, "total" if key in TOTAL_KEYS else key


# --- document → frame -----------------------------------------------------------------------


def narrative_facts(pages: Sequence[PageText], grids: Sequence[Grid] = ()) -> pd.DataFrame:
    """The figures of the 情况说明, first statement of each fact_key wins.

    Pass the narrative pages' ``grids`` when known: lines inside ruled tables are then
    skipped exactly instead of relying on the paragraph and section heuristics.
    """
    records: dict[str, dict[str, object]] = {}
    for sentence in sentences(narrative_lines(pages, grids)):
        for fact in sentence_facts(sentence):
            records.setdefault(fact.fact_key, fact_record(fact, sentence))
    return facts_frame(list(records.values()))


def sentence_facts(sentence: Sentence) -> list[Fact]:
    """The sentence's figures; one too large for the warehouse names the sentence to check."""
    try:
        return parse_sentence(sentence.text)
    except OverflowError as exc:
        raise UnreadableDocument(
            f"{exc} on page {sentence.page_at(0)}: '{sentence.text[:60]}': check it in the PDF "
            "and ask the publisher for a corrected copy"
        ) from exc


def fact_record(fact: Fact, sentence: Sentence) -> dict[str, object]:
    return {
        "fact_key": fact.fact_key,
        "amount_wan": fact.amount_wan,
        "value": fact.value,
        "unit": fact.unit,
        "source_sentence": sentence.text,
        "page": sentence.page_at(fact.offset),
    }


def facts_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series([r[c] for r in records], dtype=t) for c, t in NARRATIVE_DTYPES.items()}
    )


# --- kept for targets.py ----------------------------------------------------------------------
