"""Does tie strength predict the future?  ROC AUC against single-feature baselines (science.md §8).

Tie strength has no public ground truth at scale; the honest test is prediction: compute strength
from everything before a cut date and measure how well it ranks which ties are *still in two-way
contact in the following 6 months*, next to single-feature baselines computed in the same run:
interaction count (all before the cut) and recency (days since the last interaction of any kind).
A good model beats every baseline.

Data:
  - generated (default): PEOPLE ties over 4 years with realistic dynamics.  Each tie has a
    reciprocity, an intensity (contacts per month, log-normal) and a start date; each month it dies
    with a hazard that falls with reciprocity, intensity and age (Raeder et al. 2011: edge weight,
    reciprocity and age predict persistence), after which it is silent but for rare one-way notes.
    A fifth of the ties are one-way streams (a person who writes and is never answered); some
    strong ties meet in person; some messages go to groups.
  - a real mailbox: ``--db PATH`` names a netvalue database you imported it into, e.g. an Enron
    folder from https://www.cs.cmu.edu/~enron/ (``netvalue --db enron.db import email maildir/lay-k``,
    when the e-mail importer is installed), then ``python benchmarks/tie_quality.py --db enron.db``.
    The cut defaults to 6 months before the earlier of the last sent and the last received message
    (both directions on record through the horizon); ``--cut YYYY-MM-DD`` sets it.

Rolling origin (``--cuts N``): N cut dates, the first as above and each further one 3 months (91 days)
earlier, every one evaluated from scratch and printed, then the mean AUC of every score over the cuts
with one class on each side, and at how many cuts the model beats every baseline.  ``--seeds N`` runs
the generated set at N seeds (``--seed`` .. ``--seed`` + N − 1).  Beside every AUC stands its standard
error by Hanley & McNeil (1982), Radiology 143:29–36, and every cut prints how many positives it has:
with 10 positives an AUC is good to about ±0.06, with 2 to 4 to about ±0.15.  For a real mailbox every cut
also prints how many one-to-few messages (not bulk) each direction has on record before the cut and in
the 6 months after: a mailbox whose inbox was emptied for a while labels ties negative that were not.

SNAP's email-Eu-core (``../shared/data/email-eu-core``) has no timestamps (static ``src dst`` edges), so
it cannot serve here: there is no "before" and "after" a cut.

``--inbox-gaps F`` drops the received messages of a share F of the generated months, as in a mailbox
whose inbox was emptied for a while (the real ones here: most received mail is missing for months).

Usage: python benchmarks/tie_quality.py [--people 3000] [--seed 11] [--seeds 1] [--inbox-gaps 0] [--db PATH]
       [--cut DATE] [--cuts 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from netvalue.analysis.ties import judge_ties, tie_features
from netvalue.columns import InteractionArrays

DAY = 86_400
MONTH = 30 * DAY
HORIZON = 182 * DAY
CUT_STEP = 91 * DAY  # rolling origin: cuts 3 months apart
CUT = 1_750_000_000  # 2025-06-15


def generate(people: int, seed: int, inbox_gaps: float = 0.0) -> tuple[InteractionArrays, int]:
    """Interactions of ``people`` ties for 48 months before CUT and 6 after.

    ``inbox_gaps``: the share of months whose received messages are missing from the record, as in a
    mailbox whose owner emptied the inbox for a while (both Enron mailboxes here have such months; the
    sent folder is usually kept).  The months are drawn by a second generator, so the interactions are
    otherwise the same as with 0."""
    rng = np.random.default_rng(seed)
    months = 54
    start_month = rng.integers(0, 44, people)
    reciprocity = rng.beta(2.0, 1.5, people)
    one_way = rng.random(people) < 0.2
    reciprocity[one_way] = 0.0
    intensity = rng.lognormal(-0.3, 1.1, people)  # contacts per month while alive
    meets = (rng.random(people) < 0.15) & ~one_way
    group_share = rng.beta(1.0, 4.0, people)
    rows: dict[str, list[np.ndarray]] = {k: [] for k in ("p", "t", "d", "k", "g")}
    alive = np.ones(people, dtype=np.bool_)
    for m in range(months):
        age = np.maximum(m - start_month, 0) + 1
        started = m >= start_month
        # Monthly hazard of decay [ours, shaped by Raeder et al. 2011]: one-way streams persist
        # (a newsletter-like sender keeps writing), reciprocal, intense, old ties last longer.
        hazard = 0.10 * np.exp(-1.6 * reciprocity - 0.45 * np.log1p(intensity) - 0.35 * np.log(age))
        hazard[one_way] = 0.01
        alive &= ~(started & (rng.random(people) < hazard))
        rate = np.where(alive & started, intensity, np.where(started, 0.02, 0.0))
        counts = rng.poisson(rate)
        who = np.repeat(np.arange(people), counts)
        n = len(who)
        t = CUT - 48 * MONTH + m * MONTH + rng.integers(0, MONTH, n)
        p_sent = np.where(one_way[who], 0.0, 0.5 * reciprocity[who] + 0.5 * (1 - reciprocity[who]) * 0.1)
        if not alive.all():
            p_sent = np.where(alive[who], p_sent, 0.0)  # after decay: only stray notes from them
        direction = (rng.random(n) >= p_sent).astype(np.int8)  # 0 sent, 1 received
        kind = np.where(rng.random(n) < 0.5, 1, 0).astype(np.int8)
        meeting = meets[who] & alive[who] & (rng.random(n) < 0.15)
        kind[meeting] = 2
        direction[meeting] = 2
        group = np.where(rng.random(n) < group_share[who], rng.integers(2, 6, n), 1)
        for key, value in zip("ptdkg", (who, t, direction, kind, group), strict=True):
            rows[key].append(np.asarray(value))
    cat = {k: np.concatenate(v) for k, v in rows.items()}
    if inbox_gaps > 0:
        missing = np.random.default_rng(seed + 1).random(months) < inbox_gaps
        month_of = (cat["t"] - (CUT - 48 * MONTH)) // MONTH
        keep = ~(missing[np.clip(month_of, 0, months - 1)] & (cat["d"] == 1))
        cat = {k: v[keep] for k, v in cat.items()}
    n = len(cat["p"])
    arrays = InteractionArrays(
        person=cat["p"].astype(np.int64),
        occurred_at=cat["t"].astype(np.int64),
        direction=cat["d"].astype(np.int8),
        kind=cat["k"].astype(np.int8),
        group_size=cat["g"].astype(np.int64),
        length=rng.integers(50, 1500, n),
        bulk=np.zeros(n, dtype=np.bool_),
        source=(cat["k"] == 1).astype(np.int64),
        message=np.full(n, -1, dtype=np.int64),
    )
    return arrays, people


def from_database(path: Path) -> tuple[InteractionArrays, int, int]:
    """The interactions of a database, its number of people, and its default cut."""
    from netvalue.store import Database
    from netvalue.store.ties import fetch_interactions, fetch_people

    db = Database.open(path)
    people = fetch_people(db)
    rows = fetch_interactions(db, people, 2**62)
    db.close()
    # Both directions must be on record through the whole horizon (a mailbox's sent folder often ends
    # earlier than its inbox): the cut is 6 months before the earlier of the last sent and the last
    # received message.
    last_sent = int(rows.occurred_at[rows.direction == 0].max())
    last_received = int(rows.occurred_at[rows.direction == 1].max())
    return rows, len(people.ids), min(last_sent, last_received) - HORIZON


def auc_standard_error(auc: float, positives: int, negatives: int) -> float:
    """Hanley & McNeil (1982), Radiology 143:29–36, eq. 2: the standard error of an ROC AUC from the
    AUC and the two class sizes (Q1 = A/(2 − A), Q2 = 2A²/(1 + A))."""
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (
        positives * negatives
    )
    return math.sqrt(max(variance, 0.0))


MODEL = "netvalue strength (model)"
COUNT = "baseline: interaction count"
RECENCY = "baseline: recency (days since last interaction)"


@dataclass(frozen=True, slots=True)
class CutResult:
    """The AUC of every score at one cut (empty when the labels have one class only)."""

    label: str
    cut: int
    candidates: int
    positives: int
    auc: dict[str, float]

    @property
    def beats(self) -> bool:
        baselines = [v for k, v in self.auc.items() if k.startswith("baseline")]
        return all(self.auc[MODEL] > b for b in baselines)


def _day(t: int) -> str:
    return f"{dt.datetime.fromtimestamp(t, dt.UTC):%Y-%m-%d}"


def _coverage(rows: InteractionArrays, cut: int) -> str:
    one_to_few = ~rows.bulk
    t, d = rows.occurred_at, rows.direction

    def n(direction: int, lo: int, hi: int) -> int:
        return int((one_to_few & (d == direction) & (t >= lo) & (t < hi)).sum())

    return (
        f"one-to-few messages on record: before the cut sent {n(0, -(2**62), cut):,}, received "
        f"{n(1, -(2**62), cut):,}; in the 6 months after sent {n(0, cut, cut + HORIZON):,}, received "
        f"{n(1, cut, cut + HORIZON):,}"
    )


def evaluate(rows: InteractionArrays, n: int, cut: int, label: str, *, coverage: bool = False) -> CutResult:
    """Strength from everything before ``cut``; label: a two-way contact in the 6 months after it."""
    start = time.perf_counter()
    before = tie_features(rows, n, cut)
    judged = judge_ties(before)
    after = tie_features(rows, n, cut + HORIZON)
    seconds = time.perf_counter() - start
    # Candidates: every tie with some interaction before the cut.
    seen = before.last_contact >= 0
    truth = (after.last_two_way >= cut)[seen]
    count = (before.sent + before.received + before.meetings)[seen].astype(np.float64)
    recency = -np.nan_to_num(before.days_since(before.last_contact), nan=1e9)[seen]
    scores = {
        MODEL: judged.strength[seen],
        COUNT: count,
        RECENCY: recency,
        "for reference: activity A alone": judged.activity[seen],
        "for reference: historical strength alone": judged.history[seen],
    }
    positives, candidates = int(truth.sum()), int(seen.sum())
    print(
        f"[{label}] cut {_day(cut)}; ties with interactions before it: {candidates:,}; still two-way in "
        f"the next 6 months: {positives:,} ({100 * positives / max(candidates, 1):.1f}%)"
    )
    if coverage:
        print(f"  {_coverage(rows, cut)}")
    print(f"  interactions: {len(rows.person):,}; features+judgment twice in {seconds:.2f} s")
    if positives in (0, candidates):
        print("  only one class: AUC undefined")
        return CutResult(label, cut, candidates, positives, {})
    auc = {name: float(roc_auc_score(truth, s)) for name, s in scores.items()}
    for name, value in auc.items():
        se = auc_standard_error(value, positives, candidates - positives)
        print(f"  ROC AUC  {value:.3f} ± {se:.3f}  {name}")
    result = CutResult(label, cut, candidates, positives, auc)
    best = max(auc[COUNT], auc[RECENCY])
    verdict = "beats" if result.beats else "does NOT beat"
    print(f"  the model {verdict} every baseline (margin over the best: {auc[MODEL] - best:+.3f})")
    return result


def summarise(title: str, results: list[CutResult]) -> None:
    """Mean AUC of every score over the cuts with both classes, and the cuts the model wins."""
    usable = [r for r in results if r.auc]
    if len(results) < 2 or not usable:
        return
    print(f"== {title}: {len(usable)} of {len(results)} cuts with both classes")
    print("  positives per cut: " + ", ".join(f"{_day(r.cut)} {r.positives}" for r in usable))
    for name in usable[0].auc:
        values = [r.auc[name] for r in usable]
        print(
            f"  mean ROC AUC  {np.mean(values):.3f}  (min {min(values):.3f}, max {max(values):.3f})  {name}"
        )
    wins = sum(r.beats for r in usable)
    mean_model = float(np.mean([r.auc[MODEL] for r in usable]))
    best = max(float(np.mean([r.auc[k] for r in usable])) for k in (COUNT, RECENCY))
    print(
        f"  the model beats every baseline at {wins} of {len(usable)} cuts; mean margin over the best "
        f"baseline's mean: {mean_model - best:+.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--seeds", type=int, default=1, help="generated set: this many seeds from --seed")
    parser.add_argument(
        "--inbox-gaps", type=float, default=0.0, help="generated set: share of months with no received mail"
    )
    parser.add_argument(
        "--db", type=Path, default=None, help="a netvalue database with a real mailbox imported"
    )
    parser.add_argument("--cut", default=None, help="the (first) cut date YYYY-MM-DD")
    parser.add_argument("--cuts", type=int, default=1, help="rolling origin: this many cuts, 3 months apart")
    args = parser.parse_args()
    first_cut = None
    if args.cut:
        day = dt.date.fromisoformat(args.cut)
        first_cut = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
    start = time.perf_counter()
    results: list[CutResult] = []
    if args.db is not None:
        rows, n, default_cut = from_database(args.db)
        print(f"real data: {args.db}")
        cut = first_cut if first_cut is not None else default_cut
        for k in range(args.cuts):
            results.append(evaluate(rows, n, cut - k * CUT_STEP, f"cut {k + 1}/{args.cuts}", coverage=True))
        summarise(f"{args.db.name}, rolling origin", results)
    else:
        cut = first_cut if first_cut is not None else CUT
        for seed in range(args.seed, args.seed + args.seeds):
            rows, n = generate(args.people, seed, args.inbox_gaps)
            gaps = f", received mail missing in {args.inbox_gaps:.0%} of months" if args.inbox_gaps else ""
            print(f"generated: {n:,} ties, seed {seed}{gaps}")
            for k in range(args.cuts):
                results.append(evaluate(rows, n, cut - k * CUT_STEP, f"seed {seed}, cut {k + 1}/{args.cuts}"))
        summarise(f"generated, {args.seeds} seed(s) × {args.cuts} cut(s)", results)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {time.perf_counter() - start:.1f} s; peak memory (RSS) {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
