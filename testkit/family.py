"""The printed layout of each table of the family: columns, fixed row labels, class names.

Shared by the reference disclosure and the corpus generator so both print the same format.
This is the kit's own model of the document: it deliberately repeats, rather than imports, the
extractor's vocabulary (``pipelines.domain``), so the two are written down twice and a change to
either one shows up as a failed extraction instead of moving both in lockstep.
"""

from __future__ import annotations

from .model import Column

# The numerals printed before the functional classes: '一、一般公共服务支出'.
CN_NUMERALS: tuple[str, ...] = tuple(
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 "
    "二十三 二十四 二十五 二十六 二十七 二十八 二十九 三十".split()
)

# The 30 functional classes (类) printed on the right of tables 1 and 4, with their codes.
FUNCTION_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
)

# Left side of table 1: (printed label, income column key of table 2 it corresponds to).
SUMMARY_INCOME_SOURCES: tuple[str, ...] = (
    "一般公共预算拨款收入",
    "政府性基金预算拨款收入",
    "国有资本经营预算拨款收入",
    "财政专户管理资金收入",
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
)
GRANT_INCOME_SOURCES: tuple[str, ...] = (
    "一般公共预算拨款",
    "政府性基金预算拨款",
    "国有资本经营预算拨款",
)
GRANT_FUNDS: tuple[str, ...] = (
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
)
INCOME_COLUMNS: tuple[str, ...] = (
    "小计",
    "财政拨款收入",
    "财政专户收入",
    "事业收入",
    "经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
)
EXPENDITURE_COLUMNS: tuple[str, ...] = (
    "合计",
    "基本支出",
    "项目支出",
    "经营支出",
    "上解上级支出",
    "对附属单位补助支出",
)
THREE_PUBLIC_ROWS: tuple[str, ...] = (
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费",
    "其中：公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
)
FIXED_ASSET_ROWS: tuple[str, ...] = (
    "资产总额",
    "1、房屋（平方米）",
    "其中：办公用房（平方米）",
    "2、车辆（台、辆）",
    "3、单价在 20 万元以上的设备",
    "4、其他固定资产",
)

SERIAL = Column("序号", "row_no")


def numbered(index: int, label: str) -> str:
    """'一、一般公共服务支出' style label for the 1-based ``index``."""
    return f"{CN_NUMERALS[index - 1]}、{label}"


def amount_word(doc_kind: str) -> str:
    return "决算数" if doc_kind == "final_accounts" else "预算数"


def functional_code_columns(code_header: str = "科目编码") -> list[Column]:
    group = "功能分类科目"
    return [SERIAL, Column(code_header, "code", group), Column("科目名称", "name", group)]


def income_expenditure_summary_columns(doc_kind: str) -> list[Column]:
    word = amount_word(doc_kind)
    return [
        SERIAL,
        Column("项目", "name", "收入", "income"),
        Column(word, "amount", "收入", "income"),
        Column("项目", "name", "支出", "expenditure"),
        Column(word, "amount", "支出", "expenditure"),
    ]


def income_summary_columns() -> list[Column]:
    return [
        *functional_code_columns(),
        Column("合计", "amount"),
        *[Column(c, "amount", "本年收入") for c in INCOME_COLUMNS],
        Column("上年结转", "amount"),
    ]


def expenditure_summary_columns() -> list[Column]:
    return [
        *functional_code_columns("科目 编码"),
        *[Column(c, "amount") for c in EXPENDITURE_COLUMNS],
    ]


def fiscal_grant_summary_columns() -> list[Column]:
    group = "支出"
    return [
        SERIAL,
        Column("项目", "name", "收入", "income"),
        Column("金额", "amount", "收入", "income"),
        Column("项目", "name", group, "expenditure"),
        Column("合计", "amount", group, "expenditure"),
        *[Column(f, "amount", group, "expenditure") for f in GRANT_FUNDS],
    ]


def basic_project_columns() -> list[Column]:
    """Tables 5, 7, 8: functional code × 合计/基本支出/项目支出."""
    return [*functional_code_columns(), *[Column(c, "amount") for c in EXPENDITURE_COLUMNS[:3]]]


def basic_expenditure_columns() -> list[Column]:
    code_group, amount_group = "支出部门经济分类科目", "一般公共预算基本支出"
    return [
        SERIAL,
        Column("科目编码", "code", code_group),
        Column("科目名称", "name", code_group),
        *[Column(c, "amount", amount_group) for c in ("合计", "人员经费", "公用经费")],
    ]


def three_public_columns() -> list[Column]:
    group = "资金性质"
    funds = ("合计", "一般公共预算 财政拨款", "政府性基金 预算拨款", "国有资本经营 预算财政拨款")
    return [SERIAL, Column("项目", "name"), *[Column(f, "amount", group) for f in funds]]


def procurement_columns(fiscal_year: int) -> list[Column]:
    source, money = "政府采购项目来源", "政府采购金额（当年部门预算安排资金）"
    funds = ("合计", "一般公共预算拨款", "基金预算拨款", "国有资本经营预算拨款", "财政专户核拨")
    return [
        Column("项目名称", "name", source),
        Column("预算资金", "amount", source),
        Column("采购物品名称", "text"),
        Column("政府采购目录序号", "code"),
        Column("计量单位", "text"),
        Column("数量", "count"),
        Column("单价", "amount"),
        *[Column(f, "amount", money) for f in (*funds, "单位资金", "财政拨款结转")],
        Column(f"{fiscal_year}年预留中小微企业份额", "amount"),
    ]


def fixed_assets_columns(unit: str) -> list[Column]:
    return [
        Column("项 目", "name"),
        Column("数 量", "count"),
        Column(f"价 值（金额单位：{unit}）", "amount"),
    ]
