"""What the benchmark scripts share: how a percentile is read off the measured times."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank value below which `share` (0–1) of the values lie; NaN when nothing was measured."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
