"""powerbalance inside a data-processing step: study variants in, rankings out.

``rank_variants`` is the kind of function another tool would call: it takes a long-form
DataFrame of scores, one row per (variant, option, criterion), and returns a DataFrame
with one row per (variant, option): rank, score and the gap to the leader. It prints
nothing, changes nothing it is given, keeps no state between calls, and raises a
``PowerbalanceError`` when the data are wrong (naming the option and criterion, with a
note naming the variant), so that the caller decides what to do. Run with
``python examples/embed_in_pipeline.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pandas as pd

import powerbalance as pb

COLUMNS = ("variant", "option", "criterion", "score")


def rank_variants(
    scores: pd.DataFrame,
    criteria: Sequence[pb.Criterion],
    *,
    weighting: pb.weighting.WeightingLike = "equal",
    method: pb.methods.MethodLike = "weighted-sum",
) -> pd.DataFrame:
    """Rank the options of every study variant.

    Parameters
    ----------
    scores
        Long form, columns ``variant``, ``option``, ``criterion``, ``score``: one row
        per score. Every variant must score every option it has on every criterion.
    criteria
        The criteria, as named in the ``criterion`` column.
    weighting, method
        Any weighting scheme and method powerbalance accepts, by object or by name.

    Returns
    -------
    pandas.DataFrame
        Index (``variant``, ``option``), variants in order of appearance and options
        best first; columns ``rank`` (1 is best), ``score`` and ``behind_leader`` (the
        leader's score minus the option's).
    """
    missing = [column for column in COLUMNS if column not in scores.columns]
    if missing:
        raise pb.errors.InvalidParameterError(
            f"rank_variants needs the columns {', '.join(COLUMNS)}; {', '.join(missing)} missing."
        )
    frames = {}
    for variant, rows in scores.groupby("variant", sort=False):
        repeated = rows[rows.duplicated(["option", "criterion"])]
        if len(repeated):
            option, criterion = repeated.iloc[0][["option", "criterion"]]
            raise pb.errors.DuplicateNameError(
                f"Variant {variant!r} scores option {option!r} on criterion {criterion!r} "
                "more than once; keep one row per score."
            )
        # pivot, not pivot_table: a score is never averaged away.
        wide = rows.pivot(index="option", columns="criterion", values="score")  # noqa: PD010
        wide = wide.loc[rows["option"].drop_duplicates()]  # keep the options' order
        try:
            assessment = pb.Assessment.from_frame(wide, criteria=criteria, name=str(variant))
            ranking = pb.evaluate(assessment, weighting=weighting, method=method).ranking
        except pb.errors.PowerbalanceError as error:
            # The library's message names option and criterion; add the variant.
            error.add_note(f"in study variant {variant!r}")
            raise
        frames[variant] = ranking[["rank", "score"]].assign(
            behind_leader=ranking["score"].iloc[0] - ranking["score"]
        )
    return pd.concat(frames, names=["variant", "option"])


def leaders(rankings: pd.DataFrame) -> Mapping[str, str]:
    """The first-ranked option of each variant: plain JSON-ready data for another tool."""
    first = rankings[rankings["rank"] == 1].reset_index()
    return dict(zip(first["variant"], first["option"], strict=True))


if __name__ == "__main__":
    # Three variants of the built-in study: as published, a "pessimistic" variant
    # where every risk scores 2 points higher (capped at 10), and one without the
    # confrontation option. (TOPSIS measures distances to the best and worst options
    # present, so removing an option can reorder the others.)
    base = pb.examples.load("great-power-cooperation").assessment
    long = (
        base.to_frame()
        .reset_index()
        .melt(id_vars="option", var_name="criterion", value_name="score")
    )
    risks = long["criterion"].isin(base.risks)
    variants = pd.concat(
        [
            long.assign(variant="as published"),
            long.assign(
                variant="risks higher",
                score=long["score"].where(~risks, (long["score"] + 2).clip(upper=10)),
            ),
            long[long["option"] != "Confrontation"].assign(variant="no confrontation"),
        ],
        ignore_index=True,
    )[list(COLUMNS)]
    before = variants.copy()

    security_first = pb.weighting.ByArea(
        areas=pb.weighting.RankOrderCentroid(
            ["Security", ["Economic", "Diplomacy"], ["Technology", "Environment"]]
        )
    )
    rankings = rank_variants(variants, base.criteria, weighting=security_first, method="topsis")

    assert variants.equals(before), "the input must not change"
    print(rankings.round(3).to_string())
    print()
    print(json.dumps(leaders(rankings), indent=2))

    # Wrong data: an error that says which variant, option and criterion.
    broken = variants.drop(index=variants.index[-1])
    try:
        rank_variants(broken, base.criteria)
    except pb.errors.PowerbalanceError as error:
        print()
        print(f"{type(error).__name__}: {error} ({'; '.join(error.__notes__)})")
