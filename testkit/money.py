"""Integer money: amounts are generated in 0.01 万元 (cents of 万元) so every sum is exact."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from decimal import Decimal

Cents = int


def wan(cents: Cents) -> Decimal:
    """0.01-万元 integer → Decimal 万元 with two places (155623 → 1556.23)."""
    return Decimal(cents).scaleb(-2)


def cents_of(amount: Decimal) -> Cents:
    return int((amount * 100).to_integral_value())


def allocate(total: Cents, weights: list[int]) -> list[Cents]:
    """Split ``total`` in proportion to ``weights`` exactly (largest remainder); every positive
    weight gets at least one cent when the total allows, zero weights get nothing."""
    live = [i for i, w in enumerate(weights) if w > 0]
    out = [0] * len(weights)
    if not live or total <= 0:
        return out
    floor = 1 if total >= len(live) else 0
    rest = total - floor * len(live)
    wsum = sum(weights[i] for i in live)
    shares = {i: rest * weights[i] / wsum for i in live}
    for i in live:
        out[i] = floor + int(shares[i])
    left = total - sum(out)
    for i in sorted(live, key=lambda i: shares[i] - int(shares[i]), reverse=True)[:left]:
        out[i] += 1
    return out


def spread(total: Cents, n: int, rng: random.Random, low: int = 20, high: int = 100) -> list[Cents]:
    """``total`` split into ``n`` random positive-looking parts."""
    return allocate(total, [rng.randint(low, high) for _ in range(n)])


def add(*parts: Mapping[str, Cents]) -> dict[str, Cents]:
    """Column-wise sum of value dicts (a parent row is the sum of its children)."""
    out: dict[str, Cents] = {}
    for part in parts:
        for key, value in part.items():
            out[key] = out.get(key, 0) + value
    return out


def total_of(rows: Iterable[Mapping[str, Cents]]) -> dict[str, Cents]:
    return add(*rows)
