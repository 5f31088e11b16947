"""The 情况说明 of a generated disclosure, section by section, in the seed's sentence forms."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import catalog as cat
from .model import Block, FamilyTable, Paragraph, SmallTable, TargetTable
from .narrative_text import Fig, Narrator
from .plan import Plan

REASONS = (
    "人员调整及工资标准变化",
    "部分项目完工后相应减少了项目支出",
    "新增了重点工作任务经费",
    "压减了一般性支出",
)
TERMS = (
    "1、一般公共预算拨款收入：指区级财政当年拨付的资金。",
    "2、事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "3、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "4、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "5、机关运行经费：是指各部门的公用经费，包括办公及印刷费、邮电费、差旅费、会议费等。",
    "6、上年结转：指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。",
)


@dataclass
class Context:
    name: str
    year: int
    kind: str
    plan: Plan
    n: Narrator
    rng: random.Random

    @property
    def word(self) -> str:
        return "决算" if self.kind == "final_accounts" else "预算"

    @property
    def y(self) -> str:
        return self.n.style.year(self.year)

    def heading(self, text: str) -> Paragraph:
        return Paragraph(text, heading=True)


def opening(c: Context) -> list[Block]:
    return [
        c.heading(f"{c.name} {c.year} 年部门{c.word}信息公开情况说明"),
        Paragraph(
            f"按照《中华人民共和国预算法》和《地方预决算公开操作规程》规定，现将{c.name} "
            f"{c.year} 年部门{c.word}公开如下："
        ),
    ]


def duties(c: Context) -> list[Block]:
    nature = c.rng.choice(["行政", "事业"])
    rows = [
        ["单位名称", "单位性质", "单位规格", "经费保障形式"],
        [c.name, nature, c.rng.choice(["正科级", "副处级", "正处级"]), "财政拨款"],
    ]
    return [
        c.heading("一、部门职责及机构设置情况"),
        Paragraph("部门职责："),
        *[Paragraph(f"{i}.{d}") for i, d in enumerate(c.rng.sample(cat.UNIT_DUTIES, 3), 1)],
        Paragraph("机构设置："),
        Paragraph("部门机构设置情况"),
        SmallTable(rows),
    ]


def income_paragraph(c: Context) -> Paragraph:
    p = c.plan
    parts: list[str | Fig] = [
        "反映本部门当年全部收入。",
        f"{c.y}{c.word}收入",
        Fig("total_income", p.total),
        "，其中，一般公共预算收入",
        Fig("general_budget_income", p.sum("gen_basic") + p.sum("gen_project")),
        "，基金预算收入",
        Fig("gov_fund_income", p.sum("fund_project")),
        "，财政专户核拨收入",
        Fig(None, p.sum("special")),
        "，事业收入",
        Fig(None, p.sum("business")),
        "，其他收入",
        Fig(None, p.sum("other")),
    ]
    if p.sum("carry"):
        parts += ["，上年结转", Fig(None, p.sum("carry"))]
    return c.n.para(*parts, "。")


def expenditure_paragraph(c: Context) -> Paragraph:
    p = c.plan
    basic = p.sum("basic")
    parts: list[str | Fig] = [
        f"{c.y}{c.word}支出",
        Fig("total_expenditure", p.total),
        "，其中：基本支出",
        Fig("basic_expenditure", basic),
    ]
    if basic == p.sum("gen_basic"):
        parts += [
            "，包括人员经费",
            Fig(None, p.personnel),
            "、日常公用经费",
            Fig(None, p.public_use),
        ]
    projects = "、".join(p.projects[:3])
    parts += [
        "；项目支出",
        Fig("project_expenditure", p.total - basic),
        f"，主要为{projects}等支出。",
    ]
    return c.n.para(*parts)


def change_paragraph(c: Context) -> Paragraph:
    p = c.plan
    change = p.total - p.previous_total
    up = change >= 0
    stated = c.rng.random() < (0.4 if p.previous_known else 0.7)
    prev: list[str | Fig] = [Fig("prev_year_total", p.previous_total)] if stated else []
    verb = "安排" if c.kind == "budget" else "总计"
    return c.n.para(
        f"{c.y}度{c.word}收支{verb}",
        Fig(None, p.total),
        f"，与 {c.year - 1}年{c.word}",
        *prev,
        "相比，收、支总计共",
        "增加" if up else "减少",
        Fig("yoy_change", change),
        "，",
        c.rng.choice(["增长", "增加"] if up else ["下降", "减少"]),
        Fig("yoy_change_pct", pct=c.n.style.pct(change, p.previous_total)),
        f"。主要原因是{c.rng.choice(REASONS)}。",
    )


def overall(c: Context) -> list[Block]:
    title = "部门预算安排的总体情况" if c.kind == "budget" else "部门决算收支的总体情况"
    return [
        c.heading(f"二、{title}"),
        Paragraph(
            f"按照预算管理有关规定，部门{c.word}实行综合预算管理，即全部收入和支出都反映在"
            f"{c.word}中。{c.name}机关及所属单位的收支包含在本部门{c.word}中。"
        ),
        Paragraph("1、收入说明"),
        income_paragraph(c),
        Paragraph("2、支出说明"),
        expenditure_paragraph(c),
        Paragraph("3、比上年增减情况"),
        change_paragraph(c),
    ]


def operating_cost(c: Context) -> list[Block]:
    title = "安排" if c.kind == "budget" else "支出"
    return [
        c.heading(f"三、机关运行经费{title}情况"),
        c.n.para(
            f"{c.y}{c.name}机关运行经费共计",
            Fig("operating_cost", c.plan.public_use),
            "，主要用于部门的日常办公、差旅费、会议费、公务交通费等日常支出。",
        ),
    ]


def versus_last_year(c: Context, change: int) -> list[str | Fig]:
    if change == 0:
        return ["，较上年无变化，与上年一致"]
    return ["，较上年增加" if change > 0 else "，较上年减少", Fig(None, change)]


def three_public(c: Context) -> list[Block]:
    tp = c.plan.three_public
    budget = c.kind == "budget"
    title = "预算情况及增减变化原因" if budget else "支出情况"
    return [
        c.heading(f"四、财政拨款“三公”经费{title}"),
        c.n.para(
            f"{c.y}，我部门财政拨款“三公”经费{'预算安排' if budget else '支出'}",
            Fig("three_public_total", tp.total),
            *versus_last_year(c, tp.total - c.plan.previous_three_public),
            "。具体如下：",
        ),
        c.n.para(
            "1、因公出国（境）",
            "预算" if budget else "费支出",
            Fig("outbound_travel", tp.outbound),
            "。",
        ),
        c.n.para(
            "2、公务用车购置及运行维护费",
            Fig("vehicle_total", tp.vehicle),
            "。其中，公务用车购置费",
            Fig("vehicle_purchase", tp.purchase),
            "；公务用车运行维护费",
            Fig("vehicle_operation", tp.operation),
            "。",
        ),
        c.n.para(
            "3、公务接待费", "支出预算" if budget else "支出", Fig("reception", tp.reception), "。"
        ),
    ]


def performance(c: Context, targets: list[TargetTable]) -> list[Block]:
    return [
        c.heading("五、预算绩效信息"),
        c.heading("第一部分 部门整体绩效目标"),
        c.heading("（一）总体绩效目标"),
        Paragraph(
            f"{c.year}年，围绕部门职责和年度重点工作，加强预算绩效管理，提高财政资金使用"
            "效益，保障各项工作任务顺利完成。"
        ),
        c.heading("第二部分 专项资金预算绩效"),
        Paragraph("本部门无专项资金。"),
        c.heading("第三部分 预算项目绩效目标"),
        *targets,
    ]


def procurement(c: Context, table: FamilyTable) -> list[Block]:
    total = sum(line.total for line in c.plan.procurement)
    if c.kind == "budget":
        text = [f"{c.y}，{c.name}安排政府采购预算", Fig("procurement_total", total)]
    else:
        text = [f"{c.y}，{c.name}政府采购支出总额", Fig("procurement_total", total)]
    title = "预算" if c.kind == "budget" else "支出"
    return [c.heading(f"六、政府采购{title}情况"), c.n.para(*text, "。具体内容见下表。"), table]


def assets(c: Context, table: FamilyTable) -> list[Block]:
    total = c.plan.fixed_assets.total
    goods = sum(line.total for line in c.plan.procurement if line.code.startswith("A"))
    if c.kind == "budget":
        para = c.n.para(
            f"{c.name}（含所属单位）上年末固定资产金额为",
            Fig("fixed_assets_total", total),
            "（详见下表）。本年度拟购置固定资产总额为",
            Fig(None, goods),
            "，已按要求列入政府采购预算，详见政府采购预算表。",
        )
        title = "七、国有资产信息"
    else:
        para = c.n.para(
            f"截至{c.y}12月31日，{c.name}（含所属单位）固定资产金额为",
            Fig("fixed_assets_total", total),
            "（详见下表）。",
        )
        title = "七、国有资产占用情况"
    return [c.heading(title), para, table]


def closing(c: Context) -> list[Block]:
    return [
        c.heading("八、名词解释"),
        *[Paragraph(t) for t in TERMS],
        c.heading("九、其他需要说明的事项"),
        Paragraph("我部门无其他需要说明的事项。"),
    ]


def narrative(
    c: Context,
    targets: list[TargetTable],
    procurement_table: FamilyTable,
    assets_table: FamilyTable,
) -> list[Block]:
    return [
        *opening(c),
        *duties(c),
        *overall(c),
        *operating_cost(c),
        *three_public(c),
        *performance(c, targets),
        *procurement(c, procurement_table),
        *assets(c, assets_table),
        *closing(c),
    ]
