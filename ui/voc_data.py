"""Cached data of the voice-of-the-customer page and of the keyword filter : keywords of the comments,
tokenised once per data version in the background, per (dataset version, filters, arguments) through ui.data's
cached dispatcher."""


import time

import polars as pl
import streamlit as st

from figures import voc as voc_figures
from i18n import t
from store import Dataset, Filters
from store.facts import comments as store_comments
from ui.data import _register, filter_options


def keywords_ready(ds: Dataset) -> bool:
    """Whether the keywords of the dataset's comments are computed (store.voc's tokens step)."""
    return store_comments.tokens_ready(ds)


def keywords_job(ds: Dataset, after_first_page: bool = False) -> store_comments.TokensJob:
    """The background tokens step of the dataset (started when it is not running yet). ``after_first_page``: a page
    that only offers the keywords when ready (the overview, the journey map) lets the late facts pass held for the
    first page wait; a page that needs them now releases it (store.facts.comments.start_tokens)."""
    return store_comments.start_tokens(ds, after_first_page=after_first_page)


def wait_for_keywords(ds: Dataset, note: str | None = None) -> store_comments.TokensJob | None:
    """Block this run, with a progress bar (and ``note`` under it), until the dataset's keywords are computed in
    their background thread; returns the job (None when they were ready). Leaving the page ends the wait, not
    the work."""
    if keywords_ready(ds):
        return None
    job, box = keywords_job(ds), st.empty()
    while job.running:
        with box.container():
            st.progress(min(max(job.fraction, 0.0), 1.0), text=t("voc_progress", pct=f"{100 * job.fraction:.0f}"))
            if note:
                st.caption(note)
        time.sleep(0.5)
    box.empty()
    return job


# The datasets whose keywords a page of this run asked for without waiting (st.session_state, per session): their
# background step starts once the page is drawn (``start_after_page``), not while it computes its figures.
AFTER_PAGE_KEY = "voc.keywords_after_page"


def keywords_after_page(ds: Dataset) -> None:
    """Start the dataset's keywords step once this run's page is drawn (dashboard.py calls ``start_after_page``):
    loading the Korean analyser holds the interpreter for a second or more and the step takes a core, which the
    page's first chart should not wait for."""
    st.session_state.setdefault(AFTER_PAGE_KEY, {})[ds.facts_dir] = ds


def start_after_page() -> None:
    """The page was drawn: start the keywords steps it asked for (``keywords_after_page``)."""
    for ds in st.session_state.pop(AFTER_PAGE_KEY, {}).values():
        if not keywords_ready(ds):  # a late pass still held (an upload's, after the Upload page) is not released
            keywords_job(ds, after_first_page=True)


def rerun_when_keywords_ready(ds: Dataset) -> None:
    """While the dataset's keywords are computed in the background (started once the page is drawn), check every
    second and rerun the page once they are ready (a page showing "still running" in their place then shows them);
    nothing when they are ready."""
    if keywords_ready(ds):
        return
    keywords_after_page(ds)

    def check() -> None:
        if keywords_ready(ds):
            st.rerun()  # the whole page, not only this check

    st.fragment(check, run_every=1.0)()


KEYWORD_OPTIONS = 300


@_register
def _keyword_options(ds: Dataset, f: Filters) -> list[str]:
    return voc_figures.top_keywords(ds, f, KEYWORD_OPTIONS)


def keyword_options(ds: Dataset) -> list[str]:
    """The KEYWORD_OPTIONS most mentioned keywords of the whole dataset (none while they are being computed)."""
    return _keyword_options(ds, Filters()) if keywords_ready(ds) else []


@_register
def voc(ds: Dataset, f: Filters) -> voc_figures.Voc:
    """voc_figures.voc: the keyword table, detractor and promoter keywords and rising keywords."""
    return voc_figures.voc(ds, f, tuple(filter_options(ds)["dates"]))


@_register
def voc_compare(ds: Dataset, f: Filters, column: str, value: str) -> pl.DataFrame:
    """voc_figures.voc_compare: keywords of one stage / channel / touchpoint / persona against the rest."""
    return voc_figures.voc_compare(ds, f, column, value)


@_register
def voc_associated(ds: Dataset, f: Filters, keyword: str) -> pl.DataFrame:
    """voc_figures.voc_associated: the words that co-occur with ``keyword``."""
    return voc_figures.voc_associated(ds, f, keyword)


@_register
def voc_split(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """voc_figures.voc_split: the share of each group's comments containing each keyword."""
    return voc_figures.voc_split(ds, f, by)


@_register
def verbatims(ds: Dataset, f: Filters, keyword: str, search: str) -> pl.DataFrame:
    """figures.voc.verbatims (masked, newest first), for ``keyword`` and ``search`` when not empty."""
    return voc_figures.verbatims(ds, f, keyword, search)


def verbatims_hidden(ds: Dataset, f: Filters, keyword: str, search: str):
    """voc_figures.verbatims_hidden: why no comment is quoted (too few customers), or None."""
    return voc_figures.verbatims_hidden(ds, f, keyword, search)


@_register
def top_complaints(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """voc_figures.top_complaints per stage or touchpoint (keyword, z, comments, quote)."""
    return voc_figures.top_complaints(ds, f, by)


def complaints_if_ready(ds: Dataset, f: Filters, by: str) -> pl.DataFrame | None:
    """``top_complaints`` when the dataset's keywords are computed; else None, and their background step is
    started once the page is drawn (the journey map and overview never wait for it)."""
    if not keywords_ready(ds):
        keywords_after_page(ds)
        return None
    return top_complaints(ds, f, by)
