"""Headless report: the headline CX figures of a data source, as a table or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from functools import partial
from pathlib import Path

import polars as pl

import ingest
import settings
from errors import DataError
from figures import executive, privacy, weighting
from figures import survey as survey_figures
from figures.journeys import episode, paths_report
from figures.overview import headline, statistics
from figures.personas import derived_personas, derived_personas_report
from figures.voc import voc_report
from hosting import scopes
from i18n import Message
from ingest.weights import read_targets
from metrics import exports
from metrics.text import mask
from store import Dataset, Filters, open_dataset
from store.episodes import selected_ids
from store.facts import ready
from store.facts.cache import open_facts
from store.facts.db import writable
from store.facts.personas import assignment as persona_assignment
from store.facts.source import reads_directly
from store.filters import as_text as filters_text
from store.queries import quarantine

QUARANTINE_LINES = 100  # invalid rows printed to stderr; the rest are counted


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date of the form YYYY-MM-DD") from None


def _personas(text: str) -> str | int:
    if text == "auto":
        return text
    try:
        k = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is neither 'auto' nor a number of personas") from None
    if k < 2:
        raise argparse.ArgumentTypeError(f"{text!r}: a number of personas is at least 2")
    return k


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="report.py", description=__doc__)
    p.add_argument("data", metavar="DATA", nargs="?",
                   help="Parquet file, directory or glob of touchpoint events (or a single .csv/.tsv/.txt/.xlsx/.xes file, also .gz/.zip)")
    p.add_argument("--facts", metavar="DIR", default=settings.get("facts") or None,
                   help="read a facts directory written elsewhere instead of DATA (default $CXLENS_FACTS)")
    p.add_argument("--persona", action="append", default=[], help="keep journeys of this persona (repeatable)")
    p.add_argument("--channel", action="append", default=[], help="keep touchpoints in this channel (repeatable)")
    p.add_argument("--stage", action="append", default=[], help="keep touchpoints in this stage (repeatable)")
    p.add_argument("--since", type=_date, help="journeys whose first touchpoint is on or after this date")
    p.add_argument("--until", type=_date, help="journeys whose first touchpoint is on or before this date")
    p.add_argument("--path-contains", metavar="A>B", default="",
                   help="keep journeys whose stage or channel path has these values one after another (e.g. 앱>콜센터)")
    p.add_argument("--keyword", action="append", default=[], metavar="WORD",
                   help="keep journeys whose comments mention this keyword (repeatable: any of them)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--map", action="append", default=[], metavar="CANONICAL=SOURCE",
                   help="read canonical column CANONICAL from the file's column SOURCE (repeatable; .csv/.tsv/.txt/"
                        ".xlsx/.parquet files)")
    p.add_argument("--journey", metavar="ID", help="print this journey's episode (its touchpoints in journey order) "
                                                  "instead of the figures")
    p.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb",
                   help="what computes the facts pass: DuckDB in this process, or Spark (requirements-spark.txt, Java)")
    p.add_argument("--spark-master", default=None,
                   help="with --engine spark: the cluster's master URL (default $SPARK_MASTER, else local[*])")
    p.add_argument("--strict", action="store_true", help="any invalid row is an error instead of being left out")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--survey", dest="reading", action="store_const", const="survey",
                       help="read the file as a wide survey export (one row per respondent), whatever it looks like")
    shape.add_argument("--events", dest="reading", action="store_const", const="events",
                       help="read the file as touchpoint events (one row per event), whatever it looks like")
    p.add_argument("--accept-invalid", action="store_true",
                   help="load a file even when most of its rows are invalid (they are still left out and listed)")
    p.add_argument("--outcome", metavar="COLUMN",
                   help="survey: the column the key drivers explain (an NPS, a score or a two-valued label)")
    p.add_argument("--rating-stage", action="append", default=[], metavar="COLUMN=STAGE",
                   help="survey: count the answers of rating column COLUMN in stage STAGE (repeatable)")
    p.add_argument("--weight", metavar="COLUMN",
                   help="survey: weight each respondent by this column (above 0): NPS, CSAT, their intervals "
                        "(effective n) and the key drivers are weighted; adds `weighting`")
    p.add_argument("--rake", metavar="FILE.csv", type=Path,
                   help="survey: rake the respondents' weights to the shares in FILE.csv (rows column,value,share; "
                        "from --weight's weights when given)")
    p.add_argument("--alerts", action="store_true",
                   help="add `alerts`: the segments whose NPS or CSAT changed significantly (Benjamini-Hochberg at 5%%) "
                        "from the previous period to the current one (--since/--until, else the last 30 days of data)")
    p.add_argument("--pdf", metavar="FILE", type=Path, help="write the executive summary as a PDF snapshot to FILE")
    p.add_argument("--detractors", metavar="FILE.csv", type=Path,
                   help="write the detractors' follow-up list (journeys answering 0-6) as CSV to FILE.csv")
    p.add_argument("--loop", action="store_true",
                   help="add `loop`: the cases (open, overdue, time to close, contact within the deadline, recovery) "
                        "and each improvement action's impact, from the loop's database (CXLENS_DATABASE_URL)")
    p.add_argument("--lang", choices=("en", "ko"), default="en", help="language of the PDF snapshot (default en)")
    p.add_argument("--personas", type=_personas, metavar="auto|K",
                   help="derive personas from behaviour (K of them, or k chosen by the Davies-Bouldin index) and add "
                        "derived_personas to the report")
    p.add_argument("--personas-out", type=Path, metavar="FILE.csv",
                   help="write customer_id,persona of every customer (implies --personas auto when not given)")
    p.add_argument("--as", dest="as_email", metavar="EMAIL",
                   help="compute what this signed-in user would see: their scope from the access_file setting")
    p.add_argument("--as-group", action="append", default=[], metavar="NAME",
                   help="with --as: a group the user is in (the identity provider's groups claim; repeatable)")
    p.add_argument("--audit-out", type=Path, metavar="FILE.csv",
                   help="write the audit trail (sign-ins, refusals, exports) as CSV to FILE and stop")
    return p.parse_args(argv)


def _mapping(pairs: list[str], flag: str = "--map", example: str = "CANONICAL=SOURCE (e.g. --map journey_id=case_id)"
             ) -> dict[str, str]:
    out = {}
    for pair in pairs:
        canonical, sep, source = pair.partition("=")
        if not sep or not canonical.strip():
            raise DataError("report_bad_pair", flag=flag, pair=pair, example=example)
        out[canonical.strip()] = source.strip()
    return out


def _targets(path: Path) -> dict[str, dict[str, float]]:
    """The raking targets of ``--rake FILE`` (ingest.weights.read_targets); UTF-8 (with or without BOM), else CP949."""
    try:
        data = path.read_bytes()
    except OSError:
        raise DataError("rake_file_unreadable", name=path.name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp949", errors="replace")
    return read_targets(text, path.name)


def _open(args: argparse.Namespace) -> tuple[Dataset, int, pl.DataFrame]:
    """The dataset of DATA, its number of invalid rows and (some of) them as ``row, reason``.

    A single .csv/.tsv/.txt/.xlsx/.parquet/.xes file (or .gz/.zip of one) goes through ingest (its valid events cached as
    Parquet by content and mapping); a directory, a glob and a Parquet file already in canonical
    columns and types (``store.source.reads_directly``) go straight to the store.
    """
    if args.facts and not args.data:
        return open_facts(args.facts), 0, pl.DataFrame({"row": [], "reason": []})
    if not args.data:
        raise DataError("report_no_data")
    path = Path(args.data)
    # The facts' late outputs are written in the background; each figure waits only for the files it reads.
    opener = partial(open_dataset, background=True)
    if args.engine == "spark":
        from store.facts.spark_job import open_with_spark

        opener = partial(open_with_spark, master=args.spark_master)
    # A Parquet file already in canonical columns and types goes straight to the store, which checks
    # and quarantines it in DuckDB without loading it into memory (ingest reads the whole file).
    direct = path.is_file() and not args.map and reads_directly(path)
    if path.is_file() and path.suffix.lower() in ingest.SUFFIXES and not direct:
        stages = _mapping(args.rating_stage, "--rating-stage", "COLUMN=STAGE (e.g. --rating-stage 'Seat comfort=In flight')")
        mapping = _mapping(args.map) | ({"weight": args.weight} if args.weight else {})
        loaded = ingest.load(path, mapping=mapping, strict=args.strict, reading=args.reading,
                             outcome=args.outcome, stages=stages, accept_invalid=args.accept_invalid,
                             rake=_targets(args.rake) if args.rake else None)
        if loaded.survey is None and (args.weight or args.rake):
            raise DataError("report_weight_needs_survey")
        for note in loaded.notes:
            print(f"warning: {note.text()}", file=sys.stderr)
        target = writable(Path(settings.get("cache_dir")), "ingest") / f"{loaded.digest}.parquet"
        if not target.exists():
            ingest.write_parquet(loaded, target)
        return opener(target, name=loaded.name), loaded.rejected_rows, loaded.quarantine
    if args.reading or args.outcome or args.rating_stage or args.weight or args.rake:
        raise DataError("report_survey_flags_need_file")
    if args.map:
        raise DataError("report_map_needs_file")
    ds = opener(args.data)
    rows = quarantine(ds, QUARANTINE_LINES).rename({"row_number": "row"})
    if args.strict and ds.rejected:
        first = rows.row(0, named=True)
        raise DataError("report_rows_invalid", count=f"{ds.rejected:,}", row=first["row"], file=first["file"],
                        reason=first["reason"])
    return ds, ds.rejected, rows


def _nfc(values: list[str]) -> list[str]:
    """Filter values in Unicode NFC, as the data is: `--stage 가입` typed on macOS (NFD) or Windows (NFC) is one stage."""
    return [unicodedata.normalize("NFC", v) for v in values]


def _fmt(value, digits: int = 1, hidden: bool = False) -> str:
    if hidden:
        return str(privacy.marker())
    return "—" if value is None else f"{value:,.{digits}f}"


def _count(value: int | None, hidden: bool = False) -> str:
    """A count with thousands separators; "fewer than 5" when hidden."""
    return str(privacy.marker()) if hidden else "—" if value is None else f"{value:,}"


def _stage_width(r: dict) -> int:
    """The stage column's width: 16, or wider for long stage names (a survey's question headers)."""
    return max([16, *(len(str(s["stage"])) + 2 for s in r["stages"])])


def render_table(r: dict) -> str:
    h = bool(r.get("suppressed"))
    lines = [
        *([str(privacy.hidden_selection())] if h else []),
        f"events                {_count(r['events'], h)}",
        f"journeys              {_count(r['journeys'], h)}",
        f"NPS                   {_fmt(r['nps'], hidden=h)}  ({_count(r['nps_responses'], h)} answers)",
        f"CSAT %                {_fmt(r['csat'], hidden=h)}",
        f"CES (1-7)             {_fmt(r['ces'], 2, h)}",
        f"median journey hours  {_fmt(r['median_journey_hours'], hidden=h)}",
        f"p90 journey hours     {_fmt(r['p90_journey_hours'], hidden=h)}",
        f"handoff rate %        {_fmt(r['handoff_rate'], hidden=h)}",
        f"rejected rows         {r['rejected_rows']:,}",
        f"facts written by      {r['facts']['engine']} {r['facts']['engine_version']}".rstrip(),
        *render_outcome(r),
        "",
        f"{'stage':<{_stage_width(r)}}{'events':>10}{'journeys':>10}{'mean sat':>10}{'CSAT %':>9}",
    ]
    for s in r["stages"]:
        if s.get("suppressed"):
            lines.append(f"{s['stage']:<{_stage_width(r)}}{_count(None, True):>39}")
            continue
        lines.append(f"{s['stage']:<{_stage_width(r)}}{s['events']:>10,}{s['journeys']:>10,}"
                     f"{_fmt(s['mean_satisfaction'], 2):>10}{_fmt(s['csat']):>9}")
    lines += ["", f"{'handoff':<32}{'count':>14}"]
    for hand in (r["handoffs"] or [])[:15]:
        lines.append(f"{hand['from'] + ' → ' + hand['to']:<32}{_count(hand['count'], hand.get('suppressed', False)):>14}")
    if "nps_ci" in r:
        lines += render_statistics(r)
    if r.get("paths"):
        lines += render_paths(r)
    if r.get("voc"):
        lines += render_voc(r["voc"])
    if r.get("derived_personas") is not None:
        lines += render_personas(r)
    if r.get("alerts") is not None:
        lines += render_alerts(r["alerts"])
    if "loop" in r:
        lines += render_loop(r["loop"])
    return "\n".join(lines)


def render_outcome(r: dict) -> list[str]:
    """A survey's reading and outcome (nothing for event data)."""
    if r.get("reading") != "survey":
        return []
    about = r["survey"]
    lines = ["", f"read as a survey: {about['respondents']:,} respondents "
                 f"(id: {about['respondent_column'] or 'row number'}), {len(about['ratings'])} rating columns"]
    for rating in about["ratings"]:
        lines.append(f"  {rating['column']}: scale {rating['scale']}, {rating['answers']:,} answers, "
                     f"{rating['not_applicable']:,} not applicable")
    o = r["outcome"]
    if o:
        lines.append(f"outcome               {o['column']} ({o['kind']}), {o['positive']}: {_fmt(o['rate'])} %")
    return lines


def render_voc(v: dict) -> list[str]:
    """The table lines of the ``voc`` object: the most mentioned keywords and the three keyword lists."""
    lines = ["", f"comments              {v['comments']:,}",
             f"{'keyword':<20}{'comments':>10}{'share %':>9}{'NPS':>8}{'answers':>9}"]
    for k in v["keywords"][:20]:
        lines.append(f"{k['keyword']:<20}{k['comments']:>10,}{k['share']:>9.1f}{_fmt(k['nps']):>8}"
                     f"{k['nps_responses']:>9,}")
    for key, title in (("detractor_keywords", "detractors say (z)"), ("promoter_keywords", "promoters say (z)")):
        if v[key]:
            lines.append(f"{title:<22}" + ", ".join(f"{k['keyword']} {k['z']:.1f}" for k in v[key][:10]))
    if v["rising_keywords"]:
        lines.append("rising (share %)      " + ", ".join(
            f"{k['keyword']} {k['previous']:.1f}→{k['current']:.1f}" for k in v["rising_keywords"][:10]))
    return lines


def render_alerts(alerts: list[dict]) -> list[str]:
    """The table lines of ``alerts`` (report.py --alerts)."""
    lines = ["", "alerts: significant changes against the previous period (Benjamini-Hochberg at 5%)"]
    if not alerts:
        lines.append("none")
    for a in alerts:
        where = "all" if a["dimension"] == "all" else f"{a['dimension']}={a['value']}"
        lines.append(f"{where:<28} {a['metric']:<5}{a['previous']:>8.1f} -> {a['current']:>6.1f}"
                     f"{a['change']:>+8.1f}  p {a['p_value']:.2g}")
    return lines


def render_loop(loop: dict) -> list[str]:
    """The table lines of ``loop`` (report.py --loop): the overview's line, the case metrics, each action."""
    c, r = loop["cases"], loop["recovery"]
    lines = ["", loop["line"],
             f"cases                 {c['cases']:,} ({c['open']:,} open, {c['overdue']:,} overdue, {c['closed']:,} closed)",
             f"median days to close  {_fmt(c['median_days_to_close'])}",
             f"contacted in time %   {_fmt(c['contacted_in_time'])}  (of {c['contacted_in_time_of']:,})",
             f"recovery NPS          with a case {_fmt(r['with_case']['nps'])} ({r['with_case']['responses']:,} "
             f"answers), without {_fmt(r['without_case']['nps'])} ({r['without_case']['responses']:,} answers)"]
    for a in loop["actions"]:
        lines.append(f"action #{a['id']} [{a['status']}] {a['title']}: {a['summary']}")
    return lines


def render_statistics(r: dict) -> list[str]:
    """The table lines of figures.statistics: NPS interval, key drivers, handoff effect, monthly trend, and
    why a figure is missing."""
    ci = r["nps_ci"]
    lines = ["", f"NPS 95% CI            {'—' if ci is None else f'{ci[0]:.1f} to {ci[1]:.1f}'}"]
    effect = r["handoff_effect"]
    if effect:
        lines.append(f"per handoff (0-10)    {effect['per_handoff']:+.2f}  (95% CI {effect['ci'][0]:+.2f} to "
                     f"{effect['ci'][1]:+.2f}, p {effect['p_value']:.3g}, n {effect['n']:,})")
    if r["drivers"]:
        title = "key drivers of the 0-10 answer (importance = % of the R² stage satisfaction adds, Shapley)"
        if r.get("drivers_model") == "logit":
            fit = "Firth's penalised logistic model" if r.get("drivers_fit") == "firth" else "logistic model"
            title = (f"key drivers of '{r['outcome']['column']}' = {r['outcome']['positive']} ({fit}; "
                     "coef = log-odds per point; importance = % of |coef| x SD)")
        elif r.get("outcome") and r["outcome"]["kind"] == "score":
            title = f"key drivers of '{r['outcome']['column']}' (importance = % of the R² ratings add, Shapley)"
        lines += ["", title,
                  f"{'stage':<{_stage_width(r)}}{'importance %':>13}{'coef':>8}{'p':>10}{'mean sat':>10}{'n':>8}"]
        for d in r["drivers"]:
            lines.append(f"{d['stage']:<{_stage_width(r)}}{d['importance']:>13.1f}{d['coefficient']:>+8.2f}{d['p_value']:>10.2g}"
                         f"{_fmt(d['mean_satisfaction'], 2):>10}{d['n']:>8,}")
    if r["trend"]:
        lines += ["", f"{'month':<12}{'answers':>9}{'NPS':>8}{'95% CI':>18}  change"]
        for m in r["trend"]:
            band = "—" if m["nps_ci"] is None else f"{m['nps_ci'][0]:.1f} to {m['nps_ci'][1]:.1f}"
            change = {True: "significant", False: "not significant", None: ""}[m["significant_change"]]
            if m.get("suppressed"):
                lines.append(f"{m['period']:<12}{_count(None, True):>35}")
                continue
            lines.append(f"{m['period']:<12}{m['responses']:>9,}{_fmt(m['nps']):>8}{band:>18}  {change}")
    reasons = r.get("statistics_reasons") or {}
    if reasons:
        lines.append("")
        lines += [f"{key} unavailable: {why}" for key, why in reasons.items()]
    if r.get("weighting"):  # a weighted survey's figures say so
        lines += ["", str(weighting.sentence(r["weighting"]))]
    rate = r.get("response_rate") or {}
    if rate.get("invited") is not None:
        lines.append(f"response rate {_fmt(rate['rate_pct'])}% ({rate['responded']:,} of {rate['invited']:,} invited)")
    if rate.get("warning"):
        lines.append(rate["warning"])
    return lines


def render_paths(r: dict) -> list[str]:
    """The table lines of the five most frequent stage and channel paths."""
    lines = []
    for kind in ("stage", "channel"):
        lines += ["", f"{kind + ' path':<56}{'journeys':>10}{'share %':>9}{'NPS':>8}"]
        for p in r["paths"][kind][:5]:
            lines.append(f"{' → '.join(p['path']):<56}{p['journeys']:>10,}{_fmt(p['share']):>9}{_fmt(p['nps']):>8}")
    return lines


def _print_episode(ep: dict, fmt: str) -> int:
    if fmt == "json":
        print(json.dumps(ep, ensure_ascii=False, default=str))
        return 0
    print(f"journey {ep['journey_id']} · customer {ep['customer_id']}")
    for e in ep["events"]:
        gap = "" if e["gap_hours"] is None else f"+{e['gap_hours']:.2f} h"
        scores = " ".join(f"{k} {e[k]:g}" for k in ("satisfaction", "ces", "nps") if e[k] is not None)
        print(f"{e['timestamp']:<28}{gap:>11}  {e['stage']} · {e['channel']} · {e['touchpoint'] or '—'}  {scores}"
              + (f"  “{e['comment']}”" if e["comment"] else ""))
    return 0


def _write(path: Path, content: bytes) -> None:
    """Write a file the report was asked for; a path that cannot be written is the user's to fix (exit 2)."""
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise DataError("report_cannot_write", path=str(path), problem=str(exc.strerror or exc)) from None


def _executive(ds: Dataset, f: Filters, args: argparse.Namespace, about=None) -> dict:
    """--alerts (the ``alerts`` key), --detractors FILE.csv and --pdf FILE; of a survey (``about``), the detractors
    are its respondents with the negative outcome."""
    out: dict = {}
    if args.alerts or args.pdf:
        w = executive.report_windows(ds, f)
        changes = executive.movers(ds, w)
        if args.alerts:
            out["alerts"] = executive.alert_list(changes)
    if args.detractors and executive.detractors_hidden(ds, f) is not None:  # a small selection gets no list
        print(f"note: {Message('report_detractors_hidden', file=args.detractors.name, n=privacy.min_group())}",
              file=sys.stderr)
        args.detractors = None  # nothing written, so nothing audited
    if args.detractors:
        rows = executive.detractors(ds, f) if about is None else survey_figures.negative_respondents(ds, f, about)
        _write(args.detractors, executive.detractors_csv(rows))
        out["detractor_rows"] = rows.height
    if args.pdf:
        from figures import loop as loop_figures  # the loop's database (SQLAlchemy, Alembic) only when used
        from ui.charts import snapshot  # plotly and kaleido only when a PDF is asked for

        summary = executive.summary(ds, f, w, changes, complaint=executive.top_complaint(ds, f),
                                    rising=executive.rising_themes(ds, w))
        loop = loop_figures.database_status(ds, loop_figures.today(), settings.get_int("min_sample"))
        _write(args.pdf, snapshot.pdf(summary, args.lang, loop))
    return out


def _hide_selection(result: dict) -> None:
    """A selection too small to show: every figure derived from it left out (paths, comments, fix-first, alerts,
    derived personas), ``min_group`` and the marker said instead."""
    for key in ("paths", "transitions", "voc", "fix_first", "alerts", "derived_personas"):
        if key in result:
            result[key] = None
    result["stages"] = [{"stage": s["stage"], "suppressed": True} for s in result.get("stages") or []]
    result["handoffs"] = []
    result["suppressed_reason"] = str(privacy.marker())


def _refuse_survey_flags(args: argparse.Namespace, about) -> None:
    """The flags a survey cannot serve stop the report with one sentence (before any file is written)."""
    if args.alerts and about.timestamp_column is None:
        raise DataError("survey_alerts_no_dates")
    if args.detractors and about.outcome is None:
        raise DataError("survey_detractors_no_outcome")
    if args.personas is not None or args.personas_out is not None:
        raise DataError("survey_personas")


def _write_personas(dp, out: Path) -> None:
    """customer_id,persona of every customer of the data (not only the selection), sorted by customer_id."""

    assignment = persona_assignment(dp.view)
    try:
        out.write_bytes(exports.csv_bytes(assignment))
    except OSError as exc:
        raise DataError("report_personas_out_unwritable", path=str(out), problem=exc.strerror or type(exc).__name__) from None


def render_personas(r: dict) -> list[str]:
    lines = ["", "derived personas (customers clustered on behaviour)",
             f"{'persona':<44}{'customers':>10}{'journeys':>10}{'share %':>9}{'NPS':>7}  representative"]
    for p in r["derived_personas"]:
        if p.get("suppressed"):
            lines.append(f"{p['persona']:<44}{_count(None, True):>36}")
            lines += [f"    {text}" for text in p["traits"]]
            continue
        lines.append(f"{p['persona']:<44}{p['customers']:>10,}{p['journeys']:>10,}{100 * p['share']:>9.1f}"
                     f"{_fmt(p['nps']):>7}  {p['representative']}")
        lines += [f"    {text}" for text in p["traits"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return _report(args)
    finally:
        # the facts' late outputs the report did not wait for: finished before exit, not cut off
        ready.join_all()


def _viewer(args: argparse.Namespace) -> scopes.Access:
    """The access of ``--as EMAIL`` (and ``--as-group``) under the access file; everything without ``--as``."""
    if not args.as_email:
        return scopes.Access("user", scopes.ALL)
    if not settings.get("access_file"):
        raise DataError("report_as_needs_access_file")
    config, problems = scopes.read(settings.get("access_file"))
    if problems:
        raise DataError("report_access_file_invalid", problems=" ".join(problems))
    granted = scopes.resolve(config, args.as_email, args.as_group)
    if granted.role == "none":
        raise DataError("report_as_no_scope", email=args.as_email)
    if granted.restricted:
        for flag, given in (("--loop", args.loop), ("--personas", args.personas is not None),
                            ("--personas-out", args.personas_out is not None)):
            if given:
                raise DataError("report_as_flag_refused", flag=flag, email=args.as_email)
    return granted


def _audited(args: argparse.Namespace, granted: scopes.Access, f: Filters, files: list[tuple[Path, int | None]]
             ) -> None:
    """The audit rows of the files the report wrote, when it ran as someone (``--as``) or access is scoped."""
    if not (args.as_email or settings.get("access_file")):
        return
    from loop import audit
    from loop import db as loop_db

    engine = loop_db.open_database()
    for path, rows in files:
        audit.record(engine, "export", args.as_email or "", granted.role, scopes.describe(granted.scope),
                     filters_text(f), path.name, rows, "report.py")


def _audit_out(path: Path) -> int:
    from loop import audit
    from loop import db as loop_db

    trail = audit.trail(loop_db.open_database())
    _write(path, exports.csv_bytes(trail, identifiers=tuple(trail.columns)))
    return 0


def _report(args: argparse.Namespace) -> int:
    try:
        if args.audit_out is not None:
            return _audit_out(args.audit_out)
        granted = _viewer(args)
        if args.since and args.until and args.since > args.until:  # before the data is read: nothing could match
            raise DataError("since_after_until", since=args.since.isoformat(), until=args.until.isoformat())
        ds, rejected, invalid = _open(args)
        for note in ds.notes:
            print(f"warning: {note.text()}", file=sys.stderr)
        unknown = scopes.unknown_dimensions(granted.scope, ds.dims)
        if unknown:
            raise DataError("access_scope_unknown_dimension", columns=", ".join(unknown))
        scope_only = Filters().within(granted.scope)
        if args.journey is not None:
            if granted.restricted and not selected_ids(ds, scope_only, [args.journey]):
                raise DataError("report_journey_outside_scope", journey=repr(args.journey))
            return _print_episode(episode(ds, args.journey), args.format)
        f = Filters.make(since=args.since, until=args.until, persona=_nfc(args.persona),
                         channel=_nfc(args.channel), stage=_nfc(args.stage), keyword=_nfc(args.keyword),
                         path_contains=_nfc(args.path_contains.split(">"))).within(granted.scope)
        about = survey_figures.info(ds)
        if about is not None:
            _refuse_survey_flags(args, about)
            ds = survey_figures.ordered(ds, about)
            result = survey_figures.report(ds, f, about)
            result["voc"], why = voc_report(ds, f)
            if why:
                result["statistics_reasons"]["voc"] = why
            result.update(_executive(ds, f, args, about))
        else:
            result = headline(ds, f)
            result.update(statistics(ds, f))
            result.update(paths_report(ds, f))
            result["voc"], why = voc_report(ds, f)
            if why:
                result["statistics_reasons"]["voc"] = why
            result["fix_first"] = executive.fix_first_report(ds, f)
            result.update(_executive(ds, f, args))
            if args.loop:
                from figures import loop as loop_figures

                result["loop"] = loop_figures.loop_report(ds, loop_figures.engine(), loop_figures.today(),
                                                          settings.get_int("min_sample"))
            if args.personas is not None or args.personas_out is not None:
                k = None if args.personas in (None, "auto") else args.personas
                dp = derived_personas(ds, f, k=k, lang="en")
                result["derived_personas"] = derived_personas_report(dp)
                if args.personas_out is not None:
                    _write_personas(dp, args.personas_out)
        if result.get("suppressed"):
            _hide_selection(result)
        written = [(args.pdf, None), (args.detractors, result.get("detractor_rows")), (args.personas_out, None)]
        _audited(args, granted, f, [(path, rows) for path, rows in written if path is not None])
        result.pop("detractor_rows", None)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result["rejected_rows"] = rejected
    result["facts"] = {"engine": ds.engine, "engine_version": ds.engine_version}
    for column, name in ds.renamed.items():
        print(f"note: {ingest.Note('note_renamed', {'column': column, 'name': name}).text()}", file=sys.stderr)
    for r in invalid.head(QUARANTINE_LINES).iter_rows(named=True):
        print(f"row {r['row']}: {mask(r['reason'])}", file=sys.stderr)
    if rejected > QUARANTINE_LINES:
        print(f"… and {rejected - QUARANTINE_LINES:,} more invalid rows", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        print(render_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
