"""metrics.personas against hand-computed values and brute-force references."""

import math

import numpy as np
import polars as pl
import pytest

from metrics import personas as mp


def features(**columns):
    n = len(next(iter(columns.values())))
    return pl.DataFrame({"customer_id": [f"C{i}" for i in range(n)], **columns})


def test_design_standardises_logs_counts_fills_missing_and_drops_constants():
    frame = features(journeys=[0.0, 1.0, 3.0], nps=[10.0, None, 4.0], rated_share=[0.5, 0.5, 0.5])
    d = mp.design(frame, ["journeys", "nps", "rated_share"])
    assert d.columns == ["journeys", "nps"]  # rated_share never varies
    logs = [math.log1p(v) for v in (0, 1, 3)]
    mean = sum(logs) / 3
    sd = math.sqrt(sum((v - mean) ** 2 for v in logs) / 3)
    assert d.z()[:, 0] == pytest.approx([(v - mean) / sd for v in logs], abs=1e-6)
    # the missing answer is the mean (7), so the z-scores are -1, 0, +1 times sqrt(3/2)
    assert d.z()[:, 1] == pytest.approx([math.sqrt(1.5), 0.0, -math.sqrt(1.5)], abs=1e-6)
    assert list(d.weight) == [1.0, 1.0]


def test_design_weights_each_kind_of_feature_as_one_feature():
    frame = features(**{"channel:앱": [1.0, 0.0, 0.5, 0.5], "channel:영업점": [0.0, 1.0, 0.5, 0.5],
                        "journeys": [1.0, 2.0, 3.0, 4.0]})
    d = mp.design(frame, ["channel:앱", "channel:영업점", "journeys"])
    assert d.weight.tolist() == pytest.approx([1 / math.sqrt(2), 1 / math.sqrt(2), 1.0])
    assert (d.matrix[:, 0] ** 2).mean() == pytest.approx(0.5, abs=1e-6)  # variance 1/2 per channel column


def test_design_turns_a_categorical_attribute_into_one_column_per_value():
    frame = features(**{"attribute:region": ["서울", "부산", None, "서울"], "journeys": [1.0, 2.0, 3.0, 4.0]})
    d = mp.design(frame, ["attribute:region", "journeys"])
    assert d.columns == ["attribute:region=서울", "attribute:region=부산", "journeys"]


def test_design_rejects_an_unknown_feature():
    with pytest.raises(ValueError, match="unknown feature"):
        mp.design(features(journeys=[1.0, 2.0]), ["journeys", "typo"])


def blobs(sizes, centres, seed=1, spread=0.3):
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for i, (n, c) in enumerate(zip(sizes, centres, strict=True)):
        rows.append(rng.normal(c, spread, (n, len(c))))
        truth += [i] * n
    x = np.vstack(rows)
    order = rng.permutation(len(x))
    frame = features(**{f"f{j}": x[order, j] for j in range(x.shape[1])})
    return frame, np.asarray(truth)[order]


CENTRES = [(0, 0, 0), (4, 0, 0), (0, 4, 0), (0, 0, 4)]


@pytest.mark.parametrize("method", mp.METHODS)
def test_cluster_recovers_separated_groups_with_the_given_or_the_chosen_k(method):
    frame, truth = blobs([400, 300, 200, 100], CENTRES)
    d = mp.design(frame, ["f0", "f1", "f2"])
    given = mp.cluster(d, 4, method)
    assert given.criterion == "given" and given.scores == {}
    assert mp.adjusted_rand_index(truth, given.labels) == pytest.approx(1.0)
    auto = mp.cluster(d, None, method)
    assert auto.k == 4 and auto.criterion == "davies-bouldin"
    assert min(auto.scores, key=auto.scores.get) == 4
    assert mp.adjusted_rand_index(truth, auto.labels) == pytest.approx(1.0)


@pytest.mark.parametrize("method", mp.METHODS)
def test_cluster_numbers_personas_by_size_and_gives_the_same_answer_every_run(method):
    frame, _ = blobs([100, 400, 250], CENTRES[1:], seed=5)
    d = mp.design(frame, ["f0", "f1", "f2"])
    first, second = mp.cluster(d, 3, method), mp.cluster(d, 3, method)
    assert np.array_equal(first.labels, second.labels)
    sizes = np.bincount(first.labels).tolist()
    assert sizes == [400, 250, 100]
    assert first.cells.equals(second.cells)
    assert first.cells["customers"].sum() == 750


def test_som_map_has_one_cell_per_node_coloured_by_its_persona():
    frame, _ = blobs([300, 300], CENTRES[1:3])
    c = mp.cluster(mp.design(frame, ["f0", "f1", "f2"]), 2, "som")
    rows, cols = mp.som_grid(600)
    assert c.cells.height == rows * cols
    assert set(c.cells["persona"].unique()) == {0, 1}
    # every customer is in the node its persona colours
    assert c.cells.group_by("persona").agg(pl.col("customers").sum()).sort("persona")["customers"].to_list() == \
        np.bincount(c.labels).tolist()


def test_cluster_refuses_no_customers():
    d = mp.design(features(f0=[1.0, 2.0]).head(0), ["f0"])
    with pytest.raises(ValueError):
        mp.cluster(d, 2)


def test_adjusted_rand_index_of_a_hand_computed_example():
    # contingency [[2, 0], [1, 1]]: index sum 1, row sums C(2,2)+C(2,2)=2, column sums C(3,2)+C(1,2)=3,
    # expected 2*3/C(4,2)=1, max (2+3)/2=2.5: (1-1)/(2.5-1) = 0
    assert mp.adjusted_rand_index([0, 0, 1, 1], [0, 0, 0, 1]) == pytest.approx(0.0)
    assert mp.adjusted_rand_index([0, 0, 1, 1], ["b", "b", "a", "a"]) == pytest.approx(1.0)


def test_profiles_give_each_personas_mean_z_and_plain_means():
    frame = features(journeys=[1.0, 1.0, 3.0, 3.0], nps=[10.0, None, 0.0, 2.0])
    d = mp.design(frame, ["journeys", "nps"])
    labels = np.array([0, 0, 1, 1], dtype=np.int32)
    p = mp.profiles(d, labels, frame)
    row = {(r["persona"], r["feature"]): r for r in p.iter_rows(named=True)}
    assert row[(0, "journeys")]["z"] == pytest.approx(-1.0, abs=1e-6)
    assert row[(1, "journeys")]["z"] == pytest.approx(1.0, abs=1e-6)
    assert row[(0, "nps")]["mean"] == 10.0  # the missing answer is left out of the plain mean
    assert row[(1, "nps")]["mean"] == 1.0
    assert row[(0, "nps")]["overall"] == 4.0
    assert row[(0, "journeys")]["customers"] == 2


def test_traits_keep_the_most_distinctive_features_above_the_threshold():
    profile = pl.DataFrame({"persona": [0, 0, 0, 1], "feature": ["a", "b", "c", "a"], "source": ["a", "b", "c", "a"],
                            "value": [None] * 4, "z": [0.4, -2.0, 1.0, 0.6]}, schema_overrides={"value": pl.String})
    got = mp.traits(profile, min_z=0.5, shown=4)
    assert got.rows() == [(0, 1, "b", "b", None, -2.0), (0, 2, "c", "c", None, 1.0), (1, 1, "a", "a", None, 0.6)]


def phrase(source, value, high):
    return ("high " if high else "low ") + source + (f"={value}" if value is not None else "")


def trait_table(**columns) -> pl.DataFrame:
    """A traits table whose features are plain columns (source = feature, no value)."""
    n = len(columns["feature"])
    return pl.DataFrame({**columns, "source": columns["feature"], "value": [None] * n},
                        schema_overrides={"value": pl.String})


def test_labels_join_two_traits_and_pass_over_a_second_trait_of_the_same_kind_or_value():
    table = trait_table(persona=[0, 0, 0, 1, 1, 1], rank=[1, 2, 3, 1, 2, 3],
                        feature=["reach:가입", "reach:이용", "journeys", "touch:문의", "reach:문의", "nps"],
                        z=[-2.0, -1.9, -1.0, 2.0, 1.5, -1.0])
    got = mp.labels(table, 2, phrase, lambda p: f"P{p}")
    assert got == {0: "low reach:가입 · low journeys", 1: "high touch:문의 · low nps"}


def test_a_label_names_a_journeys_length_once_whether_in_touchpoints_hours_or_pauses():
    table = trait_table(persona=[0, 0, 0, 0, 1, 1, 1], rank=[1, 2, 3, 4, 1, 2, 3],
                        feature=["touchpoints_per_journey", "median_journey_hours", "gap_hours", "nps",
                                 "median_journey_hours", "handoffs_per_journey", "touchpoints_per_journey"],
                        z=[-1.5, -1.2, -1.0, -0.8, 2.0, 1.0, 0.9])
    got = mp.labels(table, 2, phrase, lambda p: f"P{p}")
    # were "low touchpoints_per_journey · low median_journey_hours": short journeys · fast journeys
    assert got == {0: "low touchpoints_per_journey · low nps",
                   1: "high median_journey_hours · high handoffs_per_journey"}


def test_labels_that_coincide_take_another_trait_then_a_number():
    table = trait_table(persona=[0, 0, 0, 1, 1], rank=[1, 2, 3, 1, 2], feature=["a", "b", "c", "a", "b"],
                        z=[1.0, 1.0, 1.0, 1.0, 1.0])
    got = mp.labels(table, 3, phrase, lambda p: f"Persona {p + 1}")
    assert got == {0: "high a · high b · high c", 1: "high a · high b", 2: "Persona 3"}
    same = trait_table(persona=[0, 1], rank=[1, 1], feature=["a", "a"], z=[1.0, 1.0])
    assert mp.labels(same, 2, phrase, str) == {0: "high a", 1: "high a (2)"}


def test_representative_is_the_medoid_found_by_brute_force():
    frame = features(f0=[0.0, 1.0, 2.0, 10.0, 20.0, 21.0], f1=[0.0, 0.5, 0.0, 0.0, 1.0, 0.0])
    d = mp.design(frame, ["f0", "f1"])
    labels = np.array([0, 0, 0, 0, 1, 1], dtype=np.int32)
    x = d.matrix.astype(np.float64)
    members = np.flatnonzero(labels == 0)
    total = [sum(np.linalg.norm(x[i] - x[j]) for j in members) for i in members]
    assert mp.representatives(d, labels)[0] == f"C{members[int(np.argmin(total))]}"
    assert mp.representatives(d, labels)[1] in {"C4", "C5"}


def test_values_with_equals_and_colons_are_never_parsed_back_from_feature_names():
    """A channel ``utm_source=app``, a stage ``step=5`` and an attribute value ``a=b:c`` (issue 23, item 3)."""
    frame = features(**{"channel:utm_source=app": [1.0, 1.0, 0.0, 0.0], "reach:step=5": [0.0, 1.0, 0.0, 1.0]}).with_columns(
        pl.Series("attribute:case:plan", ["a=b:c", "a=b:c", "x", "x"]))
    d = mp.design(frame, ["channel:utm_source=app", "reach:step=5", "attribute:case:plan"])
    assert d.sources == ["channel:utm_source=app", "reach:step=5", "attribute:case:plan", "attribute:case:plan"]
    assert d.values == [None, None, "a=b:c", "x"]
    profile = mp.profiles(d, np.array([0, 0, 1, 1], dtype=np.int32), frame)
    row = {(r["persona"], r["feature"]): r for r in profile.iter_rows(named=True)}
    assert row[(0, "channel:utm_source=app")]["mean"] == 1.0 and row[(1, "channel:utm_source=app")]["mean"] == 0.0
    assert row[(0, "attribute:case:plan=a=b:c")]["mean"] == 1.0 and row[(0, "reach:step=5")]["mean"] == 0.5
    assert [mp.kind(s) for s in d.sources] == ["channel", "reach", "attribute:case:plan", "attribute:case:plan"]
    assert [mp.subject(s, v) for s, v in zip(d.sources, d.values, strict=True)] == [
        "utm_source=app", "step=5", "a=b:c", "x"]
