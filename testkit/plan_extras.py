"""The smaller tables' numbers: 三公 spending, procurement lines, fixed assets."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import catalog as cat
from .money import Cents


@dataclass
class ThreePublic:
    outbound: Cents  # 因公出国（境）费
    purchase: Cents  # 公务用车购置费
    operation: Cents  # 公务用车运行维护费
    reception: Cents  # 公务接待费

    @property
    def vehicle(self) -> Cents:
        return self.purchase + self.operation

    @property
    def total(self) -> Cents:
        return self.outbound + self.vehicle + self.reception


@dataclass
class ProcurementLine:
    project: str
    budget: Cents  # 预算资金 of the project the purchase belongs to
    code: str  # 政府采购目录序号
    item: str
    unit: str
    quantity: int
    price: Cents
    general: Cents  # 一般公共预算拨款
    fund: Cents  # 基金预算拨款
    own: Cents  # 单位资金
    sme: Cents  # 预留中小微企业份额

    @property
    def total(self) -> Cents:
        return self.quantity * self.price


@dataclass
class FixedAssets:
    house_area: int  # 平方米
    office_area: int
    house_value: Cents
    office_value: Cents
    vehicles: int
    vehicle_value: Cents
    devices: int  # 单价在 20 万元以上的设备
    device_value: Cents
    other_value: Cents

    @property
    def total(self) -> Cents:
        return self.house_value + self.vehicle_value + self.device_value + self.other_value


def maybe(rng: random.Random, p: float, low: int, high: int) -> int:
    return rng.randint(low, high) if rng.random() < p else 0


def choose_three_public(rng: random.Random) -> ThreePublic:
    tp = ThreePublic(
        outbound=maybe(rng, 0.25, 200, 1500),
        purchase=maybe(rng, 0.2, 1500, 3000),
        operation=maybe(rng, 0.85, 50, 1500),
        reception=maybe(rng, 0.9, 20, 500),
    )
    if not tp.total:
        tp.reception = rng.randint(20, 500)
    return tp


def procurement_line(
    rng: random.Random, project: str, goods_entry: tuple[str, str, str, bool], has_fund: bool
) -> ProcurementLine:
    code, item, unit, goods = goods_entry
    quantity = rng.randint(1, 20) if goods else 1
    price = rng.randint(30, 150) if goods else rng.randint(500, 8000)
    total = quantity * price
    own = total * rng.randint(10, 60) // 100 if rng.random() < 0.2 else 0
    fund = total - own if has_fund and not goods and rng.random() < 0.3 else 0
    sme = total * rng.randint(30, 100) // 100 if rng.random() < 0.5 else 0
    return ProcurementLine(
        project=project,
        budget=total + total * rng.randint(0, 60) // 100,
        code=code,
        item=item,
        unit=unit,
        quantity=quantity,
        price=price,
        general=total - own - fund,
        fund=fund,
        own=own,
        sme=sme,
    )


def choose_procurement(
    rng: random.Random, projects: list[str], has_fund: bool
) -> list[ProcurementLine]:
    """2–6 purchases of distinct catalogue items (序号 + project identify a row)."""
    entries = rng.sample(cat.PROCUREMENT_GOODS, rng.randint(2, 6))
    return [procurement_line(rng, rng.choice(projects), e, has_fund) for e in entries]


def choose_fixed_assets(rng: random.Random) -> FixedAssets:
    house_area = maybe(rng, 0.6, 300, 5000)
    house_value = rng.randint(5_000, 300_000) if house_area else 0
    share = rng.randint(50, 90)
    vehicles = maybe(rng, 0.6, 1, 4)
    devices = maybe(rng, 0.4, 1, 5)
    return FixedAssets(
        house_area=house_area,
        office_area=house_area * share // 100,
        house_value=house_value,
        office_value=house_value * share // 100,
        vehicles=vehicles,
        vehicle_value=vehicles * rng.randint(800, 2500),
        devices=devices,
        device_value=devices * rng.randint(2000, 8000),
        other_value=rng.randint(300, 20000),
    )
