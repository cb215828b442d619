"""SVG charts drawn on the server: no JavaScript, no inline styles, and the numbers always in a table beside them."""

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass
class LineChart:
    uid: str  # unique in the page: ties the SVG to its title
    width: int
    height: int
    points: str  # "x,y x,y" for <polyline>
    dots: list[tuple[float, float, str, str]]  # x, y, date label, value label
    target_y: float | None
    baseline_y: float | None
    y_max_label: str
    y_min_label: str
    first_label: str
    last_label: str


def _fmt(value: Decimal | float) -> str:
    value = Decimal(value).normalize()
    return f"{value:f}".replace(".", ",")


def line_chart(
    series: list[tuple[datetime.date, Decimal]],
    *,
    uid: str,
    target: Decimal | None = None,
    baseline: Decimal | None = None,
    width: int = 320,
    height: int = 140,
    pad: int = 28,
) -> LineChart | None:
    """Values over time, with the target and baseline as horizontal lines. None when there is nothing to draw."""
    if not series:
        return None
    series = sorted(series)
    values = [Decimal(v) for _d, v in series] + [Decimal(x) for x in (target, baseline) if x is not None]
    low, high = min(values + [Decimal(0)]), max(values)
    if high == low:
        high = low + 1
    first, last = series[0][0], series[-1][0]
    span_days = max((last - first).days, 1)

    def x(day: datetime.date) -> float:
        if len(series) == 1:
            return width / 2
        return round(pad + (day - first).days / span_days * (width - 2 * pad), 1)

    def y(value) -> float:
        return round(height - pad - float((Decimal(value) - low) / (high - low)) * (height - 2 * pad), 1)

    dots = [(x(d), y(v), d.strftime("%d-%m-%Y"), _fmt(v)) for d, v in series]
    return LineChart(
        uid=uid,
        width=width,
        height=height,
        points=" ".join(f"{dx},{dy}" for dx, dy, _l, _v in dots),
        dots=dots,
        target_y=y(target) if target is not None else None,
        baseline_y=y(baseline) if baseline is not None else None,
        y_max_label=_fmt(high),
        y_min_label=_fmt(low),
        first_label=first.strftime("%m-%Y"),
        last_label=last.strftime("%m-%Y"),
    )
