"""Derived personas: customers clustered on their standardised behaviour, each cluster described by its traits.

Pure functions (no I/O): ``design`` standardises the customer features (store.personas), ``cluster``
assigns every customer to one of k personas (a self-organising map whose nodes are grouped by
weighted k-means, or plain k-means), choosing k by the Davies–Bouldin index when none is given; ``profiles``,
``traits``, ``labels`` and ``representatives`` say what each persona is. Every step is
deterministic: fixed seeds, a fixed sample for k and medoids, personas numbered by size.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

METHODS = ("som", "kmeans")
DEFAULT_METHOD = "som"   # measured best on planted segments (docs/personas.md)
K_RANGE = range(2, 9)    # k tried by ``cluster`` when none is given
SEED = 20_251_130
SCORE_SAMPLE = 200_000      # customers on which each k's Davies–Bouldin index is computed (a fixed sample)
KMEANS_SAMPLE = 200_000     # customers k-means is fitted on (the rest take the nearest centre)
MEDOID_SAMPLE = 1_000       # members per persona among which the medoid is found
TRAIT_MIN_Z = 0.5           # a feature this many standard deviations from the average is a trait
TRAITS_SHOWN = 4
# Counts and durations are heavy-tailed: standardised on log(1 + x) so a few extreme customers do not
# make everyone else look alike.
LOG_FEATURES = ("journeys", "touchpoints_per_journey", "median_journey_hours", "gap_hours", "handoffs_per_journey")
MAX_ATTRIBUTE_VALUES = 20   # a categorical attribute's most frequent values that become 0/1 columns


def default_features(columns: Sequence[str]) -> list[str]:
    """The behavioural features (every feature but ``customer_id`` and the data's ``attribute:`` columns)."""
    return [c for c in columns if c != "customer_id" and not c.startswith("attribute:")]


@dataclass(frozen=True)
class Design:
    """Standardised, group-weighted features: ``matrix`` [customer, column] float32, column j = z-score × weight[j]."""

    customer_id: pl.Series
    columns: list[str]      # feature names; a categorical attribute becomes ``attribute:<col>=<value>``
    matrix: np.ndarray
    mean: np.ndarray        # of each column before standardising (after log1p where applied)
    sd: np.ndarray
    weight: np.ndarray      # 1/√(columns of the feature's kind): each kind counts as one feature
    # Column j's feature column and, for a categorical attribute, its value (None otherwise): what the name says,
    # kept apart so that no name is ever parsed back (a value may hold ``=`` or ``:``).
    sources: list[str] = field(default_factory=list)
    values: list[str | None] = field(default_factory=list)

    def z(self) -> np.ndarray:
        """The plain z-scores (mean 0, sd 1 per column)."""
        return self.matrix / self.weight[None, :]


# The prefixes of the feature columns (store.facts.personas): a stage, channel or attribute name follows the first
# ``:``; a prefix holds none.
KIND_PREFIXES = ("reach", "channel", "touch", "attribute")


def kind(source: str) -> str:
    """The kind of a feature column: its prefix (channel, reach, touch), the whole column for an attribute (each
    attribute is a kind of its own), else the column (a scalar feature)."""
    prefix, colon, _ = source.partition(":")
    if not colon or prefix not in KIND_PREFIXES:
        return source
    return source if prefix == "attribute" else prefix


# Features that say the same thing in a label: how long a journey is, in touchpoints, in hours or in its pauses
# ("short journeys · fast journeys" said it twice). A label names one of them, the most distinctive.
SAME_IN_A_LABEL = {"touchpoints_per_journey": "journey_length", "median_journey_hours": "journey_length",
                   "gap_hours": "journey_length"}


def subject(source: str, value: str | None) -> str:
    """What a feature is about: an attribute's value, a stage's or channel's name (after the prefix), else ''."""
    if value is not None:
        return value
    prefix, colon, rest = source.partition(":")
    return rest if colon and prefix in KIND_PREFIXES else ""


def design(features: pl.DataFrame, columns: Sequence[str]) -> Design:
    """The z-scores of ``columns`` of ``features`` (one row per customer, sorted by customer_id).

    Each column: log(1 + x) for LOG_FEATURES; a missing value (e.g. nps of a customer who never
    answered) is the column's mean; then (x − mean) / sd. A categorical attribute becomes one 0/1
    column per frequent value. Columns with no variation are left out (they cannot tell customers apart).
    """
    parts: dict[str, pl.Expr] = {}
    origin: dict[str, tuple[str, str | None]] = {}
    for name in columns:
        if name not in features.columns:
            raise ValueError(f"unknown feature {name!r}")
        if name.startswith("attribute:") and features.schema[name] == pl.String:
            top = (features[name].drop_nulls().value_counts(sort=True).head(MAX_ATTRIBUTE_VALUES)
                   .sort(["count", name], descending=[True, False])[name].to_list())
            for value in top:
                parts[f"{name}={value}"] = (pl.col(name) == value).fill_null(False).cast(pl.Float64)
                origin[f"{name}={value}"] = (name, value)
        elif name in LOG_FEATURES:
            parts[name] = pl.col(name).cast(pl.Float64).clip(lower_bound=0).log1p()
            origin[name] = (name, None)
        else:
            parts[name] = pl.col(name).cast(pl.Float64)
            origin[name] = (name, None)
    frame = features.select(**parts) if parts else pl.DataFrame()
    frame = frame.with_columns(pl.all().fill_nan(None)).with_columns(pl.all().fill_null(pl.all().mean()))
    mean = np.array([frame[c].mean() or 0.0 for c in frame.columns])
    sd = np.array([frame[c].std(ddof=0) or 0.0 for c in frame.columns])
    keep = [i for i, s in enumerate(sd) if s > 1e-12]
    names = [frame.columns[i] for i in keep]
    kinds = [kind(origin[c][0]) for c in names]
    weight = np.array([kinds.count(k) ** -0.5 for k in kinds], dtype=np.float32)
    matrix = np.empty((features.height, len(keep)), dtype=np.float32)
    for j, i in enumerate(keep):
        matrix[:, j] = (frame[names[j]].to_numpy() - mean[i]) / sd[i] * weight[j]
    return Design(features["customer_id"], names, matrix, mean[keep], sd[keep], weight,
                  [origin[c][0] for c in names], [origin[c][1] for c in names])


@dataclass(frozen=True)
class Clustering:
    """Every customer's persona (0 = largest) and how it was found."""

    labels: np.ndarray              # int32 per row of the design
    k: int
    method: str
    criterion: str                  # "davies-bouldin" (k chosen) or "given"
    scores: dict[int, float]        # Davies–Bouldin index of each k tried (lower is better) (empty when k was given)
    cells: pl.DataFrame             # the persona map: x, y, persona, customers (SOM nodes, or a grid of the PCA plane)
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def _sample(n: int, size: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size, replace=False)) if n > size else np.arange(n)


def _nearest(x: np.ndarray, centres: np.ndarray, chunk: int = 32_768) -> np.ndarray:
    """Index of the nearest row of ``centres`` for every row of ``x`` (squared Euclidean, in chunks of ``chunk``
    rows: 1M customers × 144 nodes at once would take 1.2 GB; a chunk takes 40 MB)."""
    out = np.empty(len(x), dtype=np.int32)
    c = centres.astype(np.float64)
    c2 = (c ** 2).sum(axis=1)
    for start in range(0, len(x), chunk):
        d = x[start:start + chunk].astype(np.float64) @ c.T
        d *= -2.0
        d += c2[None, :]
        out[start:start + chunk] = np.argmin(d, axis=1)
    return out


def som_grid(n: int) -> tuple[int, int]:
    """SOM size: about 5·√n nodes (Vesanto's rule), square, between 4×4 and 12×12."""
    side = int(np.clip(round(np.sqrt(5 * np.sqrt(max(n, 1)))), 4, 12))
    return side, side


def _train_som(x: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """(node weights [node, p], node of every row, grid): a SOM trained on a fixed sample of at most 50,000 rows
    (PCA-initialised, 20 passes' worth of single-sample updates up to 100,000), every row then mapped to its node."""
    from minisom import MiniSom

    rows, cols = som_grid(len(x))
    train = x[_sample(len(x), 50_000, seed)]
    som = MiniSom(rows, cols, x.shape[1], sigma=max(rows, cols) / 4, learning_rate=0.5,
                  neighborhood_function="gaussian", random_seed=seed)
    som.pca_weights_init(train)
    som.train(train, min(10_000, 20 * len(train)), random_order=True)
    weights = som.get_weights().reshape(rows * cols, x.shape[1])
    return weights, _nearest(x, weights), (rows, cols)


def _kmeans(x: np.ndarray, k: int, seed: int, weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.cluster import KMeans

    model = KMeans(n_clusters=k, n_init=8, random_state=seed).fit(x, sample_weight=weight)
    return model.labels_.astype(np.int32), model.cluster_centers_


def _by_size(labels: np.ndarray, k: int) -> np.ndarray:
    """Renumber clusters so 0 is the largest (ties: the one whose first member comes first)."""
    sizes = np.bincount(labels, minlength=k)
    first = np.array([np.argmax(labels == c) if sizes[c] else len(labels) for c in range(k)])
    order = sorted(range(k), key=lambda c: (-sizes[c], first[c]))
    rank = np.empty(k, dtype=np.int32)
    rank[order] = np.arange(k, dtype=np.int32)
    return rank[labels]


def _davies_bouldin(x: np.ndarray, labels: np.ndarray) -> float:
    """Davies–Bouldin index (lower = tighter, better separated clusters); infinite for one cluster."""
    from sklearn.metrics import davies_bouldin_score

    if len(np.unique(labels)) < 2:
        return float("inf")
    return float(davies_bouldin_score(x, labels))


def _pca_cells(x: np.ndarray, labels: np.ndarray, k: int, bins: int = 16) -> pl.DataFrame:
    """A 2-D picture for k-means: customers on the first two principal components, counted per grid cell and
    persona (x, y: cell centres in component units)."""
    centred = x - x.mean(axis=0)
    sample = centred[_sample(len(x), 20_000, SEED)]
    _, _, vt = np.linalg.svd(sample, full_matrices=False)
    plane = centred @ vt[:2].T
    lo, hi = plane.min(axis=0), plane.max(axis=0)
    step = np.where(hi > lo, (hi - lo) / bins, 1.0)
    cell = np.minimum(((plane - lo) / step).astype(np.int64), bins - 1)
    frame = pl.DataFrame({"cx": cell[:, 0], "cy": cell[:, 1], "persona": labels})
    return (frame.group_by("cx", "cy", "persona").agg(pl.len().alias("customers"))
            .with_columns(x=float(lo[0]) + (pl.col("cx") + 0.5) * float(step[0]),
                          y=float(lo[1]) + (pl.col("cy") + 0.5) * float(step[1]))
            .select("x", "y", "persona", pl.col("customers").cast(pl.Int64)).sort("x", "y", "persona"))


def cluster(d: Design, k: int | None = None, method: str = DEFAULT_METHOD, seed: int = SEED,
            k_range: Sequence[int] = K_RANGE) -> Clustering:
    """Each customer's persona: ``k`` clusters (None: the k of ``k_range`` with the lowest Davies–Bouldin index).

    ``som``: a self-organising map (minisom) is trained on the standardised features, its nodes are
    grouped into k by k-means weighted by the customers each node holds, and a customer takes its
    node's group. ``kmeans``: k-means (scikit-learn, 8 starts) on the customers. The Davies–Bouldin
    index is computed on a fixed sample of SCORE_SAMPLE customers. Personas are numbered 0.. by size.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; one of {METHODS}")
    from threadpoolctl import threadpool_limits

    # One BLAS/OpenMP thread: the same sums in the same order on every run, and no spinning threads
    # (scikit-learn's k-means on 2 threads of a busy 2-core machine measured 30× slower than on one).
    with threadpool_limits(limits=1):
        return _cluster(d, k, method, seed, k_range)


def _cluster(d: Design, k: int | None, method: str, seed: int, k_range: Sequence[int]) -> Clustering:
    import minisom  # noqa: F401  (imported before the clock starts: Clustering.seconds is the work itself)
    import sklearn.cluster  # noqa: F401

    started = time.perf_counter()
    n = len(d.matrix)
    if n == 0 or d.matrix.shape[1] == 0:
        raise ValueError("no customers or no feature that varies")
    ks = [k] if k is not None else [c for c in k_range if c < n]
    if not ks or ks[0] < 1:
        raise ValueError("k must be at least 1")
    sample = _sample(n, SCORE_SAMPLE, seed)
    scores: dict[int, float] = {}
    if method == "som":
        weights, node, grid = _train_som(d.matrix, seed)
        hits = np.bincount(node, minlength=len(weights)).astype(np.float64)
        used = hits > 0
        candidates = {}
        for c in ks:
            c_eff = min(c, int(used.sum()))
            node_labels = np.zeros(len(weights), dtype=np.int32)
            groups, _ = _kmeans(weights[used], c_eff, seed, hits[used]) if c_eff > 1 else (np.zeros(int(used.sum()), np.int32), None)
            node_labels[used] = groups
            # nodes no customer maps to take the group of their nearest used node (for the map only)
            if (~used).any():
                node_labels[~used] = node_labels[used][_nearest(weights[~used], weights[used])]
            candidates[c] = node_labels
            if len(ks) > 1:
                scores[c] = _davies_bouldin(d.matrix[sample], node_labels[node[sample]])
        chosen = min(scores, key=lambda c: (scores[c], c)) if scores else ks[0]
        labels = candidates[chosen][node]
        ranks = _by_size(labels, chosen)
        rank_of = {int(o): int(r) for o, r in zip(labels, ranks, strict=False)}
        node_persona = np.array([rank_of.get(int(g), int(g)) for g in candidates[chosen]], dtype=np.int32)
        rows, cols = grid
        cells = pl.DataFrame({"x": np.arange(rows * cols) % cols, "y": np.arange(rows * cols) // cols,
                              "persona": node_persona, "customers": hits.astype(np.int64)})
        labels = ranks
    else:
        # k-means is fitted on a fixed sample of at most KMEANS_SAMPLE customers and every customer then
        # takes its nearest centre: at 1M customers a full fit per k costs minutes on 2 cores.
        fit_rows = _sample(n, KMEANS_SAMPLE, seed)
        centres = {}
        for c in ks:
            centres[c] = _kmeans(d.matrix[fit_rows], c, seed)[1]
            if len(ks) > 1:
                scores[c] = _davies_bouldin(d.matrix[sample], _nearest(d.matrix[sample], centres[c]))
        chosen = min(scores, key=lambda c: (scores[c], c)) if scores else ks[0]
        labels = _by_size(_nearest(d.matrix, centres[chosen]), chosen)
        cells = _pca_cells(d.matrix, labels, chosen)
    return Clustering(labels=labels.astype(np.int32), k=chosen, method=method,
                      criterion="davies-bouldin" if len(ks) > 1 else "given", scores=scores, cells=cells,
                      seconds=time.perf_counter() - started)


def adjusted_rand_index(truth: Sequence, found: Sequence) -> float:
    """Agreement of two partitions corrected for chance: 1 identical, about 0 random (Hubert & Arabie)."""
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(np.asarray(truth), np.asarray(found)))


def profiles(d: Design, labels: np.ndarray, raw: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per persona and feature: ``z`` = the persona's mean z-score (how many standard deviations its average
    customer is from the average customer), and with ``raw`` (the unstandardised features, rows as in ``d``)
    ``mean`` and ``overall``: the feature's plain mean in the persona and over all customers (missing values
    left out; a categorical attribute's value: the share of customers having it).

    Returns persona, feature, source, value, z, mean, overall, customers (``source`` and ``value``: Design's).
    """
    k = int(labels.max()) + 1 if len(labels) else 0
    counts = np.bincount(labels, minlength=k)
    z = np.column_stack([np.bincount(labels, weights=d.matrix[:, j] / d.weight[j], minlength=k)
                         for j in range(len(d.columns))]) / np.maximum(counts, 1)[:, None]
    mean = np.full((k, len(d.columns)), np.nan)
    overall = np.full(len(d.columns), np.nan)
    if raw is not None:
        for j, (column, value) in enumerate(zip(d.sources, d.values, strict=True)):
            series = raw[column]
            x = (series == value).fill_null(False).cast(pl.Float64) if value is not None else series.cast(pl.Float64)
            x = x.fill_nan(None).to_numpy()
            known = ~np.isnan(x)
            n = np.bincount(labels[known], minlength=k)
            mean[:, j] = np.bincount(labels[known], weights=x[known], minlength=k) / np.where(n > 0, n, np.nan)
            overall[j] = x[known].mean() if known.any() else np.nan
    return pl.DataFrame({
        "persona": np.repeat(np.arange(k), len(d.columns)).astype(np.int32),
        "feature": d.columns * k,
        "source": d.sources * k,
        "value": pl.Series(d.values * k, dtype=pl.String),
        "z": z.ravel(),
        "mean": mean.ravel(),
        "overall": np.tile(overall, k),
        "customers": np.repeat(counts, len(d.columns)).astype(np.int64),
    }).with_columns(pl.col("mean", "overall").fill_nan(None))


def traits(profile: pl.DataFrame, min_z: float = TRAIT_MIN_Z, shown: int = TRAITS_SHOWN) -> pl.DataFrame:
    """The most distinctive features of each persona: |z| ≥ ``min_z``, at most ``shown``, largest |z| first
    (ties by feature name): persona, rank (1 = most distinctive), feature, source, value, z."""
    return (profile.filter(pl.col("z").abs() >= min_z)
            .sort(["persona", pl.col("z").abs(), "feature"], descending=[False, True, False])
            .with_columns(rank=pl.int_range(1, pl.len() + 1).over("persona"))
            .filter(pl.col("rank") <= shown).select("persona", "rank", "feature", "source", "value", "z"))


Phrase = Callable[[str, str | None, bool], str]  # (source, value, above average) -> words in the UI language


def labels(trait_table: pl.DataFrame, k: int, phrase: Phrase, fallback: Callable[[int], str],
           words: int = 2) -> dict[int, str]:
    """A short label per persona from its ``words`` most distinctive traits, joined by " · ".

    ``trait_table`` is ``traits`` (persona, rank, feature, z); a trait of a kind (channel, reach…), a value
    (a stage, a channel) or a meaning (SAME_IN_A_LABEL: a journey's length) that a more distinctive trait of the
    persona already names is passed over.

    A persona without traits gets ``fallback(persona)``; two personas whose labels coincide take one
    more trait each until they differ, and a number when they still coincide.
    """
    phrases: dict[int, list[str]] = {p: [] for p in range(k)}
    seen_kinds: dict[int, set[tuple[str, str]]] = {p: set() for p in range(k)}
    for r in trait_table.sort("persona", "rank").iter_rows(named=True):
        p, source, value = r["persona"], r["source"], r["value"]
        # one trait per kind and per value: not "stops before 가입 · stops before 이용", nor "much 문의 · reaches 문의"
        marks = {("kind", kind(source)), ("subject", subject(source, value) or source),
                 ("meaning", SAME_IN_A_LABEL.get(source, source))}
        if marks & seen_kinds[p]:
            continue
        seen_kinds[p] |= marks
        phrases[p].append(phrase(source, value, r["z"] > 0))
    used = {p: min(words, len(v)) for p, v in phrases.items()}

    def text(p: int) -> str:
        return " · ".join(phrases[p][:used[p]]) if used[p] else fallback(p)

    for _ in range(TRAITS_SHOWN):
        seen: dict[str, list[int]] = {}
        for p in range(k):
            seen.setdefault(text(p), []).append(p)
        clashes = [ps for ps in seen.values() if len(ps) > 1]
        if not clashes:
            break
        for ps in clashes:
            for p in ps:
                used[p] = min(used[p] + 1, len(phrases[p]))
    out, taken = {}, set()
    for p in range(k):
        label, n = text(p), 2
        while label in taken:
            label, n = f"{text(p)} ({n})", n + 1
        taken.add(label)
        out[p] = label
    return out


def representatives(d: Design, labels: np.ndarray, seed: int = SEED, sample: int = MEDOID_SAMPLE) -> dict[int, str]:
    """The medoid of each persona: the member with the smallest summed distance (standardised features) to the
    other members, among a fixed sample of at most ``sample`` members; {persona: customer_id}."""
    out = {}
    ids = d.customer_id
    for p in range(int(labels.max()) + 1 if len(labels) else 0):
        members = np.flatnonzero(labels == p)
        if len(members) == 0:
            continue
        chosen = members[_sample(len(members), sample, seed + p)]
        x = d.matrix[chosen].astype(np.float64)
        sq = (x ** 2).sum(axis=1)
        dist = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0))
        out[p] = ids[int(chosen[int(np.argmin(dist.sum(axis=1)))])]
    return out
