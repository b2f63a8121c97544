"""The dashboard's colours, one meaning each, shared by the charts (lib/app/plots.py) and the brief's image
(lib/svgchart.py). Okabe-Ito colours, which colour-blind readers tell apart, without its yellow (#F0E442, too
light to read on white): every colour here has a contrast of at least 2:1 against white (tests/test_plots.py)."""

STANCE_COLORS = {
    "hopeful": "#0072B2",
    "mixed": "#E69F00",
    "pessimistic": "#D55E00",
    "insufficient evidence": "#8C8C8C",
}
KIND_COLORS = {"figure": "#009E73", "quote": "#CC79A7"}
# For a chart with one colour per outlet or kind (in this order).
CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C8C8C", "#000000"]
# Negative … neutral … positive (sentiment): orange to mid grey to blue; the middle still reads on white.
DIVERGING = [[0.0, "#D55E00"], [0.5, "#9A9A9A"], [1.0, "#0072B2"]]
SINGLE = "#0072B2"  # a chart of one series
EVENT_BAND = "#56B4E9"  # the talks' events on the timeline (a light band behind the points)


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of a #RRGGBB colour against white (1 for white itself, 21 for black)."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
