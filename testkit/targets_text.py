"""项目绩效目标表 for generated documents: one per project, indicators in 一级指标 runs.

Targets use every form the seed shows: ≥95%, ≤44.7元, ≥11000 人, 6名, 1次, 是/否.
"""

from __future__ import annotations

import random

from .model import Indicator, TargetTable

PROJECTS = (
    "业务工作经费",
    "专项业务经费",
    "信息化建设运维经费",
    "档案管理经费",
    "宣传培训经费",
    "公共服务保障经费",
    "安全生产监管经费",
    "环境卫生整治经费",
    "就业创业补贴",
    "困难群众救助",
    "人才引进补贴",
    "设施维护经费",
    "社区矫正工作经费",
    "群众体育活动经费",
    "党建工作经费",
    "购买第三方服务",
    "办公设备购置",
    "应急物资储备",
)
# (三级指标, 描述, 单位 or None for %): 数量指标 targets are counts with a unit.
QUANTITY = (
    ("服务人数", "全年服务对象数量", "人"),
    ("培训人次", "组织业务培训人次", "人"),
    ("开展活动次数", "全年组织开展活动次数", "次"),
    ("覆盖户数", "项目覆盖户数", "户"),
    ("配备人员数量", "配备专职工作人员", "名"),
    ("检查次数", "开展监督检查次数", "次"),
)
QUALITY = (
    ("合格率", "工作完成质量合格的比率"),
    ("准确率", "数据及资金发放准确率"),
    ("完成率", "年度任务完成比例"),
)
TIMELINESS = (("及时率", "按时限要求完成工作的比率"), ("按时完成率", "按计划时间节点完成"))
BENEFIT = (
    ("社会效益指标", "提升政府形象", "是否对社会产生积极作用，是否提升政府形象"),
    ("社会效益指标", "保障群众权益", "是否提高群众生活质量"),
    ("经济效益指标", "带动就业", "是否带动当地就业"),
    ("可持续影响指标", "长效管理机制", "是否建立长效管理机制"),
    ("生态效益指标", "能耗率", "办公用品达到低碳、环保、节能标准"),
)
BASES = ("工作计划", "根据调查结果确定", "政策依据", "绩效指标", "根据实际需求确定", "合同约定")


def choose_projects(rng: random.Random) -> list[str]:
    return rng.sample(PROJECTS, rng.randint(3, 6))


def number_target(rng: random.Random, unit: str) -> str:
    value = rng.choice([1, 2, 3, 6, 10, 12, 50, 101, 300, 1200, 11000])
    space = " " if rng.random() < 0.5 else ""
    if unit in ("名", "次") and value < 20 and rng.random() < 0.5:
        return f"{value}{space}{unit}"  # '6 名', '1次': an exact count, no comparator
    return f"≥{value}{space}{unit}"


def percent(rng: random.Random, low: int = 80) -> str:
    return rng.choice([f"≥{rng.randint(low, 99)}%", "=100%", f"≥{rng.randint(low, 99)}%"])


def output_indicators(rng: random.Random) -> list[Indicator]:
    name, desc, unit = rng.choice(QUANTITY)
    quality, q_desc = rng.choice(QUALITY)
    timely, t_desc = rng.choice(TIMELINESS)
    if rng.random() < 0.4:
        cost = Indicator(
            "产出指标",
            "成本指标",
            "人均服务费标准",
            "每人服务费不高于标准",
            f"≤{rng.randint(20, 90)}.{rng.randint(1, 9)}{rng.choice(['', ' '])}元",
            rng.choice(BASES),
        )
    else:
        cost = Indicator(
            "产出指标",
            "成本指标",
            "成本控制率",
            "实际支出不超出预算安排",
            "≤100%",
            rng.choice(BASES),
        )
    return [
        Indicator("产出指标", "数量指标", name, desc, number_target(rng, unit), rng.choice(BASES)),
        Indicator("产出指标", "质量指标", quality, q_desc, percent(rng, 85), rng.choice(BASES)),
        Indicator("产出指标", "时效指标", timely, t_desc, percent(rng, 80), rng.choice(BASES)),
        cost,
    ]


def benefit_indicators(rng: random.Random) -> list[Indicator]:
    out = []
    for level2, level3, desc in rng.sample(BENEFIT, rng.randint(1, 2)):
        target = "≤5%" if level3 == "能耗率" else rng.choice(["是/否", "是"])
        out.append(Indicator("效益指标", level2, level3, desc, target, rng.choice(BASES)))
    return out


def target_table(seq: int, project: str, rng: random.Random) -> TargetTable:
    goal = f"1.保障{project}相关工作顺利开展 2.提高服务质量和群众满意度"
    satisfaction = Indicator(
        "满意度指标",
        "服务对象满意度指标",
        "服务对象满意度",
        "服务对象对项目实施效果的满意度",
        f"≥{rng.randint(85, 99)}%",
        "根据调查结果确定",
    )
    indicators = [*output_indicators(rng), *benefit_indicators(rng), satisfaction]
    return TargetTable(seq, project, goal, indicators)


def target_tables(projects: list[str], rng: random.Random) -> list[TargetTable]:
    return [target_table(n, p, rng) for n, p in enumerate(projects, start=1)]
