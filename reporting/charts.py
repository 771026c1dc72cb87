"""Bar charts of a report table, drawn on the server as plain SVG.

Charts are rendered on the server, readable without JavaScript, with a text table beside
every chart. A chart is a picture of its table (the table is what a
screen reader reads); the SVG still carries role="img", a <title> and its labels and
values as text, so it can be read, searched and printed. The PDF export reuses it.
No charting library: horizontal bars are a few rectangles.
"""

from django.utils.html import escape

from reporting.document import Cell, Chart, Table

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 56
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 10
LEGEND_HEIGHT = 22
PADDING = 8
# Colour-blind-safe (Okabe-Ito); each series also has its name in the legend and its value as text.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
LABEL_CHARACTERS = 30


def _number(cell: Cell) -> float:
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return 0.0
    return float(cell)


def _value_text(cell: Cell) -> str:
    if cell is None or cell == "":
        return "–"
    if isinstance(cell, float):
        return f"{cell:.2f}".rstrip("0").rstrip(".")
    return str(cell)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def _text_width(text: str) -> float:
    """A generous guess of the width of a 12-pixel text: wide for Han and Arabic, narrow for Latin."""
    return sum(12.0 if ord(character) >= 0x0600 else 7.0 for character in text)


def _legend_places(names: list[str]) -> list[tuple[float, int]]:
    """Where each series' key goes: (offset from the start of the bar area, line), wrapping to a new line."""
    room = WIDTH - LABEL_WIDTH - PADDING * 2
    places, x, line = [], 0.0, 0
    for name in names:
        width = 24 + _text_width(_short(name))
        if x and x + width > room:
            x, line = 0.0, line + 1
        places.append((x, line))
        x += width
    return places


def bar_chart_svg(table: Table, chart: Chart, *, right_to_left: bool = False) -> str:
    """Horizontal bars, one group per row of the table, one bar per value column.

    Bars are scaled to the largest value of the chart. Right to left (Arabic), the
    labels stand on the right and the bars grow to the left, as the page reads.
    """
    series = [(index, table.columns[index]) for index in chart.value_columns if index < len(table.columns)]
    rows = [row for row in table.rows if len(row) > chart.label_column]
    largest = max((_number(row[index]) for row in rows for index, _name in series), default=0.0) or 1.0
    group_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + GROUP_GAP
    legend_places = _legend_places([name for _index, name in series]) if len(series) > 1 else []
    legend = (max((line for _x, line in legend_places), default=-1) + 1) * LEGEND_HEIGHT
    height = PADDING * 2 + legend + max(len(rows), 1) * group_height
    bar_room = WIDTH - LABEL_WIDTH - VALUE_WIDTH - PADDING * 2
    title = chart.title or table.title
    title_id = f"chart-{escape(table.key)}-title"

    def x_of(start: float, length: float) -> float:
        """Where a box of this length starts, measured from the reading start of the bar area."""
        return WIDTH - PADDING - LABEL_WIDTH - start - length if right_to_left else PADDING + LABEL_WIDTH + start

    # Anchors read in the SVG's own left-to-right axis (direction="ltr" on the root, so that an Arabic
    # page's inherited right-to-left direction does not flip them): the label always meets the bars.
    label_x = WIDTH - PADDING - LABEL_WIDTH + 6 if right_to_left else PADDING + LABEL_WIDTH - 6
    label_anchor = "start" if right_to_left else "end"
    value_anchor = "end" if right_to_left else "start"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart img-fluid" role="img" '
        f'aria-labelledby="{title_id}" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="sans-serif" font-size="12" direction="ltr" '
        f'data-direction="{"rtl" if right_to_left else "ltr"}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for (x, line), (number, (_index, name)) in zip(legend_places, enumerate(series), strict=False):
        colour = COLOURS[number % len(COLOURS)]
        box_x = x_of(x, 12)
        y = PADDING + line * LEGEND_HEIGHT
        parts.append(f'<rect x="{box_x:.1f}" y="{y}" width="12" height="12" fill="{colour}"/>')
        text_x = box_x - 4 if right_to_left else box_x + 16
        parts.append(f'<text x="{text_x:.1f}" y="{y + 10}" text-anchor="{value_anchor}">{escape(_short(name))}</text>')
    if not rows:
        parts.append(
            f'<text x="{WIDTH / 2:.0f}" y="{PADDING + legend + 14}" text-anchor="middle">'
            f"{escape(table.empty_text or '–')}</text>"
        )
    for row_number, row in enumerate(rows):
        top = PADDING + legend + row_number * group_height
        label = str(row[chart.label_column]) if row[chart.label_column] is not None else ""
        middle = top + (len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP) / 2 + 4
        parts.append(
            f'<text x="{label_x:.1f}" y="{middle:.1f}" text-anchor="{label_anchor}">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
        )
        for number, (index, _name) in enumerate(series):
            value = row[index] if index < len(row) else None
            length = bar_room * _number(value) / largest
            y = top + number * (BAR_HEIGHT + BAR_GAP)
            colour = COLOURS[number % len(COLOURS)]
            parts.append(
                f'<rect x="{x_of(0, length):.1f}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
            value_x = x_of(0, length) - 4 if right_to_left else x_of(0, length) + length + 4
            parts.append(
                f'<text x="{value_x:.1f}" y="{y + BAR_HEIGHT - 3}" text-anchor="{value_anchor}">'
                f"{escape(_value_text(value))}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
