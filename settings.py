"""The one settings table: every knob with its default, environment variable and help."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "CXLENS_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("data", str(ROOT / "sample_data" / "events.parquet"),
            "Default data source: a Parquet file, a directory of Parquet files (hive partitioning honoured), "
            "a glob, or an s3:// URL."),
    Setting("facts", "",
            "A facts directory written elsewhere (by `report.py --engine spark`, `store/spark_job.py` or another "
            "machine's pass) to show instead of `data`; the source is then not read at all."),
    Setting("stage_order", "",
            "Stage order as a comma-separated list (e.g. `인지,탐색,가입`). Empty: inferred from the data "
            "(median position of the stage within journeys)."),
    Setting("cache_dir", str(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cxlens"),
            "Where journey-level facts are cached on disk, keyed by the source's fingerprint."),
    Setting("cache_keep_days", "7",
            "Facts of a data version not opened for this many days are deleted when a new version is "
            "computed (a refreshed source leaves its old version behind). 0 keeps every version."),
    Setting("late_facts_timeout_seconds", "900",
            "How long a page or report.py waits for a facts file still being written in the background (the paths' "
            "steps, comments, touchpoint steps, customer features) before it says so."),
    Setting("database_url", "",
            "The database of what people write (cases, actions, root causes): a SQLAlchemy URL such as "
            "`postgresql://user:password@host/cxlens` (driven by pg8000) or `sqlite:////path/loop.sqlite`. "
            "Empty: a SQLite file `loop.sqlite` in `cache_dir`. Its tables are created and migrated on start."),
    Setting("case_due_days", "14",
            "Days a new case has until it is due (14: the common Korean complaint-handling deadline)."),
    Setting("threads", "2", "DuckDB worker threads."),
    Setting("memory_limit", "1GB", "DuckDB memory limit (spills to disk beyond it; 1GB keeps a 10M-event process under 1.5 GB)."),
    Setting("cache_ttl_seconds", "3600", "How long the dashboard keeps a query result in memory."),
    Setting("upload_limit_mb", "200", "Largest file the upload page and report.py accept, in MB."),
    Setting("max_columns", "5000",
            "Most columns a file may have (an XES log: different attribute keys); a wider file is refused in one "
            "sentence before it is read into a table. An XES log whose table would be mostly empty cells (more "
            "than 20 per attribute value it holds, past 2 million cells) is refused too: its size would be "
            "quadratic in the file's."),
    Setting("max_rating_columns", "500",
            "Most rating columns a survey may have; a survey with more is refused in one sentence (reading one "
            "takes time in proportion to respondents × rating columns: 1,000 columns of 200 respondents 21 s)."),
    Setting("unpacked_limit_mb", "500",
            "Largest a compressed upload (.xlsx, .gz, .zip) may unpack to, in MB (reading needs about that much "
            "memory); one that unpacks to more, or an .xlsx to more than 100 times its size (a zip bomb), is "
            "refused before it is read."),
    Setting("display_timezone", "",
            "The UTC offset times with an offset (`+01:00`, `Z`) are kept at: a zone (`Asia/Seoul`, its standard "
            "offset: no daylight-saving shifts, so durations stay true) or an offset (`+09:00`). Empty: the "
            "data's own (its smallest offset). Times without an offset are kept as written."),
    Setting("min_sample", "30", "Groups with fewer answers than this are marked low-sample in charts."),
    Setting("max_dimension_values", "200",
            "A string column with at most this many distinct values becomes a filter dimension."),
    Setting("max_dimensions", "50",
            "At most this many such columns become filter dimensions: those with two or more values first, then "
            "the most filled, then the fewest values; the others stay plain columns (in the events download, not "
            "filters) and a note says how many. Bounds the facts pass on very wide files (thousands of columns)."),
    Setting("not_applicable", "N/A,NA,n/a,Not applicable,해당없음,모름,무응답",
            "Survey answers that mean 'not applicable' (comma-separated, compared ignoring case and spaces): in a "
            "rating column they are neither a rating nor an invalid cell. Empty cells, and 0 in a column whose "
            "other answers are 1–5, are not applicable too."),
    Setting("column_labels", "",
            "Display names of data columns (filter labels, segment names), in both languages: `column=English|한국어` "
            "pairs separated by `;` (e.g. `region=Region|지역; age_band=Age band|연령대`). A column not named here "
            "is shown by a built-in name (region, age_band, gender, product, segment, tier, grade, device) or its "
            "own name."),
    Setting("voc_stopwords", "",
            "Comma-separated domain words left out of every keyword figure of the voice of the customer "
            "(e.g. `고객,은행`); general Korean and English stop words are always left out."),
    Setting("voc_max_comment_chars", "2000",
            "Characters of each comment analysed for keywords (the first ones; the whole comment is still shown and "
            "searched): bounds the keyword step on very long comments."),
    # Targets per KPI: the overview's cards show the gap to them in a status colour, the NPS trend a
    # target line. Example values for the sample; set them per deployment (empty: no target for that KPI).
    Setting("target_nps", "0", "Target NPS (−100…100) for the overview card, the NPS trend's target line and the PDF. "
            "Empty: no target."),
    Setting("target_csat", "70", "Target CSAT % (0–100). Empty: no target."),
    Setting("target_ces", "5", "Target CES (1–7, higher = easier). Empty: no target."),
    Setting("target_journeys", "", "Target number of journeys in the period. Empty: no target."),
    Setting("target_median_journey_hours", "72",
            "Target median journey duration in hours (lower is better: met at or below it). Empty: no target."),
    Setting("target_handoff_rate", "50",
            "Target handoff rate % (lower is better: met at or below it). Empty: no target."),
    Setting("allowed_email_domains", "",
            "With sign-in configured (`[auth]` in `.streamlit/secrets.toml`): comma-separated e-mail domains "
            "allowed in (exact match, e.g. `bank.co.kr,example.com`); `[cxlens] allowed_email_domains` in the "
            "secrets takes precedence. Empty: every signed-in user."),
    Setting("access_file", "",
            "With sign-in configured: the `access.toml` that gives each signed-in e-mail or group its scope (the data "
            "it may see) and names the admins (docs/access.md). Empty: every signed-in user sees all the data."),
    Setting("min_group", "5",
            "Small-group suppression: a figure over fewer than this many customers (distinct `customer_id`; the "
            "journey's id when the data has none) is shown as \"fewer than 5\", with complementary cells hidden so "
            "totals cannot reveal it, and comments are quoted only from groups at least this big (docs/access.md). "
            "Applied when `access_file` is set or this setting is given; local use without either shows every "
            "figure. 1 shows every figure."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of setting ``name``: its environment variable when set, else its default."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env) or setting.default


def given(name: str) -> bool:
    """Whether setting ``name`` is set in the environment (not left at its default)."""
    return bool(os.environ.get(_BY_NAME[name].env))


def get_int(name: str) -> int:
    return int(get(name))
