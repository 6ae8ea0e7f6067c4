"""The executive story: one headline (NPS and its tested change, the biggest mover) and one reconciled fix first.

Every sentence is filled from the figures it is about and says only what they show; the templates
(English here, both languages in ui/i18n.py as ``story_<key>``) are chosen by the same tests the
figures pass, so a claim such as "rated lowest" is made only of the stage that is.

**Fix first** reconciles three signals, each naming at most one stage:
- *driver*: the top key driver (metrics.drivers), when its coefficient is positive and significant at 95 %;
- *lowest*: the stage with the lowest mean satisfaction among stages with at least ``min_sample``
  ratings (the emotion curve of all selected journeys; ties to more ratings, then name);
- *pain*: the stage of the worst pain point (metrics.pain_points: rated significantly below the average CSAT,
  most unsatisfied interactions).
The fix first is the stage that at least two of them name; the others are stated beside it. When
no stage is named twice there is no single fix first, and the sentence says which signal names
which stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl

SIGNALS = ("driver", "lowest", "pain")

STORY_EN = {  # English here; both languages in i18n/catalog/story.py as ``headline_<key>``
    "fix_driver_lowest_pain": "Fix first: {stage}. Its rating goes with NPS more than any other stage's, it is rated "
                            "lowest ({satisfaction:.2f}/5) and it holds the worst pain point, {touchpoint} (CSAT "
                            "{pain_csat:.0f}%).",
    "fix_driver_lowest": "Fix first: {stage}. Its rating goes with NPS more than any other stage's and it is rated "
                       "lowest ({satisfaction:.2f}/5).",
    "fix_driver_pain": "Fix first: {stage}. Its rating goes with NPS more than any other stage's and it holds "
                     "the worst pain point, {touchpoint} (CSAT {pain_csat:.0f}%).",
    "fix_lowest_pain": "Fix first: {stage}. It is rated lowest ({satisfaction:.2f}/5) and holds the worst pain "
                     "point, {touchpoint} (CSAT {pain_csat:.0f}%).",
    "fix_none": "No single fix first: the stage ratings, the stage that goes with NPS most and the pain "
              "points name different stages.",
    "part_driver": "{driver_stage} is the stage whose rating goes with NPS most (rated "
                 "{driver_satisfaction:.2f}/5).",
    "part_lowest": "{lowest_stage} is rated lowest ({lowest_satisfaction:.2f}/5).",
    "part_pain": "The worst pain point, {touchpoint} (CSAT {pain_csat:.0f}%), is in {pain_stage}.",
    "part_no_driver": "No stage's rating clearly goes with NPS.",
    "part_no_lowest": "No stage has {min_sample} ratings or more.",
    "part_no_pain": "No touchpoint stands out: none is rated clearly below the average CSAT.",
    "nps_significant": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, a significant "
                     "change.",
    "nps_not_significant": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, not a significant "
                         "change.",
    "nps_unchanged": "NPS {nps:.1f} in {period}, unchanged against {previous_period}.",
    "nps_small_sample": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, on too few answers "
                      "to tell ({n_current} and {n_previous}; fewer than {min_sample} on a side).",
    "nps_untested": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period} (every answer is the "
                  "same, so the change cannot be tested).",
    "nps_no_previous": "NPS {nps:.1f} in {period}; nothing to compare with: {previous_period} has no answers.",
    "nps_none": "No NPS answers in {period}.",
    "mover": "Biggest move: {metric} for {dimension} {value}, {change:+.1f}{unit} ({previous:.1f} → "
           "{current:.1f}), a significant change.",
    "mover_all": "Only the selection as a whole changed significantly: {metric} {change:+.1f}{unit} "
               "({previous:.1f} → {current:.1f}).",
    "mover_none": "No segment changed significantly.",
    "changes": "What changed: {items}.",
    "change_segment": "{metric} for {dimension} {value} {change:+.1f}{unit} ({previous:.1f} → {current:.1f})",
    "change_theme": "comments mentioning “{keyword}” up from {previous:.1f}% to {current:.1f}%",
    "changes_none": "Nothing changed significantly: no segment's NPS or CSAT, and no comment theme.",
    "changes_nothing_to_compare": "What changed: nothing to compare with; {previous_period} has no data.",
    "metric_nps": "NPS",
    "metric_csat": "CSAT",
    "unit_nps": "",
    "unit_csat": " pp",
    "complaint": "A much more common complaint among detractors than among promoters: “{keyword}”.",
}
STORY_KEYS = tuple(STORY_EN)


@dataclass(frozen=True)
class FixFirst:
    """The reconciled priority: ``stage`` (None when no stage is named by two signals), the head template ``key``,
    the ``parts`` ((template key, ...)) that state the other signals, and the ``fields`` every template fills
    from (stage, importance, satisfaction, touchpoint, pain_csat, driver_stage, driver_satisfaction,
    lowest_stage, lowest_satisfaction, pain_stage, min_sample)."""

    stage: str | None
    key: str
    parts: tuple[str, ...]
    fields: dict = field(default_factory=dict)
    signals: dict = field(default_factory=dict)  # signal -> stage it names (absent: names none)


def _driver(drivers: pl.DataFrame | None) -> dict | None:
    if drivers is None:
        return None
    modelled = drivers.filter(pl.col("importance").is_not_null())
    if modelled.is_empty():
        return None
    top = modelled.sort("importance", descending=True, maintain_order=True).row(0, named=True)
    if top["p_value"] is None or top["p_value"] >= 0.05 or top["coefficient"] is None or top["coefficient"] <= 0:
        return None
    return top


def lowest_stage(stage_ratings: pl.DataFrame, min_sample: int) -> dict | None:
    """The row of the stage rated lowest (mean satisfaction) among stages with at least ``min_sample`` ratings;
    ties go to the stage with more ratings, then the name. None when no stage has that many."""
    ok = stage_ratings.filter((pl.col("ratings") >= min_sample) & pl.col("mean_satisfaction").is_not_null())
    if ok.is_empty():
        return None
    return ok.sort(["mean_satisfaction", "ratings", "stage"], descending=[False, True, False]).row(0, named=True)


def fix_first(drivers: pl.DataFrame | None, stage_ratings: pl.DataFrame, pain_points: pl.DataFrame,
              min_sample: int = 30) -> FixFirst:
    """The fix first of the module docstring.

    Parameters
    ----------
    drivers: the key-driver table (metrics.drivers.KeyDrivers.table) or None.
    stage_ratings: stage, ratings, mean_satisfaction (metrics.satisfaction.csat by stage).
    pain_points: metrics.pain_points.pain_points with the touchpoint's ``stage``.
    """
    driver = _driver(drivers)
    lowest = lowest_stage(stage_ratings, min_sample)
    worst = pain_points.filter(pl.col("below_average") & pl.col("stage").is_not_null()).head(1)
    pain = worst.row(0, named=True) if worst.height else None
    satisfaction = {r["stage"]: r["mean_satisfaction"] for r in stage_ratings.iter_rows(named=True)}
    named = {k: v["stage"] for k, v in (("driver", driver), ("lowest", lowest), ("pain", pain)) if v is not None}

    fields = {"min_sample": min_sample}
    if driver:
        fields |= {"driver_stage": driver["stage"], "importance": driver["importance"],
                   "driver_satisfaction": satisfaction.get(driver["stage"], driver.get("mean_satisfaction"))}
    if lowest:
        fields |= {"lowest_stage": lowest["stage"], "lowest_satisfaction": lowest["mean_satisfaction"]}
    if pain:
        fields |= {"pain_stage": pain["stage"], "touchpoint": pain["touchpoint"], "pain_csat": pain["csat"]}

    votes: dict[str, list[str]] = {}
    for signal in SIGNALS:
        if signal in named:
            votes.setdefault(named[signal], []).append(signal)
    stage, agreeing = max(votes.items(), key=lambda kv: len(kv[1]), default=(None, []))
    if len(agreeing) < 2:
        stage, agreeing = None, []
    if stage is not None:
        fields |= {"stage": stage, "satisfaction": satisfaction.get(stage)}
        key = "fix_" + "_".join(agreeing)
    else:
        key = "fix_none"
    parts = []
    for signal in SIGNALS:
        if signal in agreeing:
            continue
        parts.append(f"part_{signal}" if signal in named else f"part_no_{signal}")
    return FixFirst(stage, key, tuple(parts), fields, named)


def fix_first_text(ff: FixFirst, templates: Mapping[str, str] = STORY_EN) -> str:
    """The fix first as text: its head sentence, then one sentence per other signal."""
    return " ".join(templates[k].format(**ff.fields) for k in (ff.key, *ff.parts))


def fix_first_record(ff: FixFirst, templates: Mapping[str, str] = STORY_EN) -> dict:
    """The fix first as data (report.py's ``fix_first``): ``stage`` (None when no stage is named twice),
    ``reason`` (the sentences of ``fix_first_text``), ``agreeing`` (the signals naming that stage) and
    ``evidence``: one entry per signal with the stage it names (None: it names none), whether it ``agrees``, and
    its figures (driver: importance; lowest: satisfaction; pain: touchpoint and csat).

    Example
    -------
    >>> ff = FixFirst("b", "fix_lowest_pain", ("part_no_driver",), {"stage": "b", "satisfaction": 2.5,
    ...     "lowest_stage": "b", "lowest_satisfaction": 2.5, "touchpoint": "t", "pain_csat": 40.0,
    ...     "pain_stage": "b", "min_sample": 30}, {"lowest": "b", "pain": "b"})
    >>> r = fix_first_record(ff)
    >>> r["stage"], r["agreeing"], [(e["signal"], e["stage"], e["agrees"]) for e in r["evidence"]]
    ('b', ['lowest', 'pain'], [('driver', None, False), ('lowest', 'b', True), ('pain', 'b', True)])
    """
    x = ff.fields
    figures = {"driver": {"importance": x.get("importance"), "satisfaction": x.get("driver_satisfaction")},
               "lowest": {"satisfaction": x.get("lowest_satisfaction")},
               "pain": {"touchpoint": x.get("touchpoint"), "csat": x.get("pain_csat")}}
    agreeing = [s for s in SIGNALS if ff.stage is not None and ff.signals.get(s) == ff.stage]
    evidence = [{"signal": s, "stage": ff.signals.get(s), "agrees": s in agreeing,
                 **(figures[s] if s in ff.signals else {})} for s in SIGNALS]
    return {"stage": ff.stage, "reason": fix_first_text(ff, templates), "agreeing": agreeing, "evidence": evidence}


def nps_sentence(nps: float | None, comparison, period: str, previous_period: str, compared: bool,
                 answers: tuple[int, int], min_sample: int, templates: Mapping[str, str] = STORY_EN) -> str:
    """The NPS of the period with its change against the comparison period and whether it is significant.

    ``comparison`` is metrics.significance.Comparison of the two periods' NPS; ``compared`` whether the
    comparison period has journeys; ``answers`` (current, previous) NPS answers. "significant" is said only of a
    test with p < 0.05 and at least ``min_sample`` answers on each side; "unchanged" only when the change rounds
    to 0.0 and is not significant.
    """
    fields = {"nps": nps, "period": period, "previous_period": previous_period, "min_sample": min_sample,
              "n_current": answers[0], "n_previous": answers[1]}
    if nps is None:
        return templates["nps_none"].format(**fields)
    if not compared or comparison is None or comparison.delta is None:
        return templates["nps_no_previous"].format(**fields)
    fields |= {"change": comparison.delta,
               "p": "—" if comparison.p_value is None else p_text(comparison.p_value)}
    if comparison.p_value is None:
        key = "nps_untested"
    elif comparison.small_sample:
        key = "nps_small_sample"
    elif comparison.significant:
        key = "nps_significant"
    elif f"{comparison.delta:.1f}" in ("0.0", "-0.0"):
        key = "nps_unchanged"
    else:
        key = "nps_not_significant"
    return templates[key].format(**fields)


def biggest_mover(alerts: pl.DataFrame) -> dict | None:
    """The first of metrics.movers.alerts that is a segment (not the whole selection): the most significant."""
    segments = alerts.filter(pl.col("dimension") != "all")
    return segments.row(0, named=True) if segments.height else None


def mover_sentence(alerts: pl.DataFrame, tested: int, templates: Mapping[str, str] = STORY_EN,
                   dimension_labels: Mapping[str, str] | None = None) -> str:
    """The biggest mover (``biggest_mover``) in words, or that only the whole selection, or nothing, moved
    significantly (``tested`` = how many segment figures were tested)."""
    mover = biggest_mover(alerts)
    key = "mover"
    if mover is None:
        if alerts.is_empty():
            return templates["mover_none"].format(tested=tested)
        mover, key = alerts.row(0, named=True), "mover_all"
    labels = dimension_labels or {}
    return templates[key].format(
        metric=templates["metric_" + mover["metric"]], unit=templates["unit_" + mover["metric"]],
        dimension=labels.get(mover["dimension"], mover["dimension"]), value=mover["value"],
        change=mover["change"], previous=mover["previous"], current=mover["current"], p=p_text(mover["p_value"]))


def changes_sentence(alerts: pl.DataFrame, rising: pl.DataFrame | None, compared: bool, previous_period: str,
                     templates: Mapping[str, str] = STORY_EN, dimension_labels: Mapping[str, str] | None = None,
                     top: int = 3) -> str:
    """What changed between the two periods, ranked: the significant segment moves (metrics.movers.alerts, not the
    whole selection) and the significantly rising comment themes (metrics.voc.rising_keywords; None when the
    comments' keywords are not computed yet), the ``top`` smallest p-values first.

    Without a comparison (``compared`` False: the previous period has no data) it says there is nothing to compare
    with; with nothing significant, ``mover_sentence``'s words (only the whole selection, or nothing, moved), or,
    when the themes were checked too, that nothing changed significantly.
    """
    if not compared:
        return templates["changes_nothing_to_compare"].format(previous_period=previous_period)
    labels = dimension_labels or {}
    items: list[tuple[float, int, str]] = []
    for r in alerts.filter(pl.col("dimension") != "all").iter_rows(named=True):
        items.append((r["p_value"], 0, templates["change_segment"].format(
            metric=templates["metric_" + r["metric"]], unit=templates["unit_" + r["metric"]],
            dimension=labels.get(r["dimension"], r["dimension"]), value=r["value"], change=r["change"],
            previous=r["previous"], current=r["current"])))
    for r in (rising if rising is not None else pl.DataFrame()).iter_rows(named=True):
        items.append((r["p_value"], 1, templates["change_theme"].format(
            keyword=r["keyword"], previous=r["previous"], current=r["current"])))
    if not items:
        if rising is None or not alerts.is_empty():
            return mover_sentence(alerts, 0, templates, dimension_labels)
        return templates["changes_none"]
    ranked = [text for _, _, text in sorted(items, key=lambda item: (item[0], item[1]))[:top]]
    return templates["changes"].format(items="; ".join(ranked))


def p_text(p: float) -> str:
    """A p-value as shown in a sentence: "p = 0.008", or "p < 0.001"."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
