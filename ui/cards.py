"""The overview's KPI cards: each card's value, how it shows its change (the delta text, its colour and arrow), its
change test and target (no Streamlit here, so it is unit-tested)."""

from __future__ import annotations

from dataclasses import dataclass

from i18n import t
from metrics.story import p_text
from ui import format as number_format
from ui.text import md


@dataclass(frozen=True)
class Delta:
    """What st.metric gets: ``text`` (None = no delta shown), ``color`` and ``arrow``."""

    text: str | None
    color: str
    arrow: str


def delta(change: float | None, fmt: str, higher_is_better: bool, compared: bool = True) -> Delta:
    """The card's delta for ``change`` (current − previous) formatted with ``fmt`` (e.g. ``"{:+.1f} pp"``).

    No delta at all when ``compared`` is False (the comparison period has no data) or ``change`` is
    None. A change that rounds to zero in ``fmt`` is shown unsigned, grey and without an arrow
    (never a red "↑ +0.0 pp"); otherwise the arrow follows the sign and the colour whether the
    change is good (green) or bad (red).
    """
    if not compared or change is None:
        return Delta(None, "off", "off")
    text = fmt.format(change)
    if _rounds_to_zero(text):
        return Delta(fmt.format(type(change)(0)).replace("+", ""), "off", "off")
    return Delta(text, "normal" if higher_is_better else "inverse", "auto")


def _rounds_to_zero(text: str) -> bool:
    digits = [c for c in text if c.isdigit()]
    return bool(digits) and set(digits) == {"0"}


# (kpi, label key, help key, format, delta format, higher is better)
CARDS = (
    ("nps", "kpi_nps", "help_nps", "{:.1f}", "{:+.1f}", True),
    ("csat", "kpi_csat", "help_csat", "{:.1f}%", "{:+.1f} pp", True),
    ("ces", "kpi_ces", "help_ces", "{:.2f}", "{:+.2f}", True),
    ("journeys", "kpi_journeys", "help_journeys", "{:,}", "{:+,}", True),
    ("median_journey_hours", "card_median_duration", "help_median_duration", "{:.1f}", "{:+.1f}", False),
    ("handoff_rate", "kpi_handoff_rate", "help_handoff_rate", "{:.1f}%", "{:+.1f} pp", False),
)
STATUS_COLOUR = {True: "green", False: "red"}  # a target met, missed


@dataclass(frozen=True)
class Card:
    """One overview KPI card: what ``st.metric`` gets (label, value, delta, help) and the captions under it
    (``compared``: the comparison period; ``notes``: the change test's tag and the target, as Markdown)."""

    label: str
    value: str
    delta: Delta
    help: str
    compared: str | None
    notes: str | None
    hidden: bool = False  # too few customers: ``value`` is "fewer than 5", drawn as text (st.metric cut it off)


def change_test_note(key: str, kpis: dict, min_n: int) -> tuple[str | None, str]:
    """The NPS and CSAT cards' change test: the i18n key of a tag for the delta (None: none) and a sentence for the
    help (``min_n``: fewer answers than this in either period is a small sample)."""
    test = kpis["tests"][key]
    p = "—" if test.p_value is None else p_text(test.p_value)  # "p = 0.159", "p < 0.001" (never "0.000")
    if test.p_value is None:
        return None, t("delta_untested")
    if test.small_sample:
        current, previous = kpis["tests"]["answers"][key]
        return "tag_small_sample", t("delta_small_sample", p=p, min=min_n, current=current, previous=previous)
    if test.significant:
        return "tag_significant", t("delta_significant", p=p)
    return "tag_not_significant", t("delta_not_significant", p=p)


SURVEY_HIDDEN = ("median_journey_hours", "handoff_rate")  # need event times: a survey has none


def kpi_cards(summary: dict, dated: bool, min_n: int, min_group: int | None = None, survey: bool = False) -> list[Card]:
    """The overview's six KPI cards from ``ui.data.executive_summary``: each value and its change on the same
    period, the change test (NPS, CSAT), the target; ``dated`` False (a survey without answer dates) names no
    comparison period; a selection too small to show (``kpis.suppressed``, ``min_group`` customers) shows
    "fewer than 5" on every card. A ``survey`` has no cards for what needs event times, none for CES without CES
    answers, and counts respondents, not journeys."""
    k, goals = summary["kpis"], summary["targets"]
    since, until = summary["period"]["previous"]
    compared = t("card_compared" if k["compared"] else "card_not_compared", since=since, until=until) if dated else None
    out = []
    for key, label, help_key, fmt, delta_fmt, higher_is_better in CARDS:
        value, goal = k["current"][key], goals[key]
        if survey and (key in SURVEY_HIDDEN or (key == "ces" and value is None)):
            continue
        if survey and key == "journeys":
            label, help_key = "kpi_respondents", "help_respondents"
        if k.get("suppressed"):  # too few customers: the marker in place of the value, nothing else
            out.append(Card(t(label), t("suppressed_fewer", n=min_group), Delta(None, "off", "off"),
                            t("suppressed_note", n=min_group), None, None, hidden=True))
            continue
        if key == "median_journey_hours":  # hours or days, by the value's size: value, change and target alike
            fmt, delta_fmt = number_format.duration_formats(value, number_format.duration_words())
        shown = delta(k["change"][key], delta_fmt, higher_is_better, compared=k["compared"])
        help_text, notes = t(help_key, n=f"{k['nps_responses']:,}"), []
        if key in ("nps", "csat") and shown.text is not None:
            tag, note = change_test_note(key, k, min_n)
            notes += [t(tag)] if tag else []  # under the delta, where it wraps (in the delta it was cut)
            help_text += " " + note
        if goal.met is not None:  # coloured text, not a badge: a badge is cut on a narrow card, text wraps
            badge = t("target_badge_met" if goal.met else "target_badge_missed", target=fmt.format(goal.target),
                      gap=delta_fmt.format(goal.gap))
            notes.append(f":{STATUS_COLOUR[goal.met]}[{md(badge)}]")
        out.append(Card(t(label), "—" if value is None else fmt.format(value), shown, help_text, compared,
                        " · ".join(notes) or None))
    return out
