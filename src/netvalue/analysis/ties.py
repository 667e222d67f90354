"""How strong every tie is, and why: features, strength, reasons, tiers and dormant ties.

Pure functions of numpy arrays (one row per interaction, people as indices ``0..n-1``) and an
explicit ``as_of`` (epoch seconds); only interactions before ``as_of`` count.  Everything is
vectorised (``np.bincount``, ``np.unique``, ``np.searchsorted`` over person-sorted keys): no loop
runs per interaction.  Sources are the sections of ``science.md``:

- Features follow Granovetter (1973) and Gilbert & Karahalios (2009) [science.md §1]: intensity,
  recency, duration, reciprocity, intimacy, services, shared context (structural), channels.
- Current *activity* A = Σ 2^(−Δt/h), h = 110 days: Burt (2002) bridge decay, annual survival 0.1,
  hazard ln(10)/365 per day [science.md §2, derived].
- *Overdue*: silence since the last interaction over the tie's decay threshold (8× its usual gap,
  90–365 days; Navarro et al. 2017), a feature of strength (:mod:`netvalue.analysis.strength`).
- *History* is the tie's peak strength (peak intensity, duration, reciprocity, intimacy): it never
  decays with silence, so "once strong" lasts (science.md §2).
- States, each defined once in :mod:`netvalue.analysis.definitions`: lapsing (silent past 8× the usual
  gap and 90 days, under a year; Navarro et al. 2017), dormant (once strong, silent ≥ 12 months), deep
  dormant (≥ 3 years; Levin, Walter & Murnighan 2011) [science.md §2].  Silence is read on the record's
  clock (:mod:`netvalue.analysis.record`): months with no mail at all are not the tie's silence.
- Tiers from contact frequency bands (Dunbar 2020: inner ~weekly, close ~monthly, active ~yearly;
  Hill & Dunbar 2003) [science.md §3]; *collected names* are exactly the people with no two-way
  contact ever on record.
- Each interaction counts by its group size (:class:`TieSettings`: 1/n after Newman 2001, or
  Kossinets & Watts' cut at 4); interactions with ``bulk`` set (co-occurrence: a co-recipient of a
  message someone else sent) do not count toward strength.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from netvalue.analysis.definitions import DEEP_DORMANT_DAYS, ONCE_STRONG, REPLY_WINDOW_DAYS
from netvalue.analysis.record import RecordClock, direction_coverage, record_clock
from netvalue.analysis.strength import (
    DEFAULT_MODEL,
    DORMANT_ALWAYS_DAYS,
    DORMANT_GAP_MULTIPLE,
    DORMANT_MIN_SILENCE_DAYS,
    FEATURE_NAMES,
    StrengthModel,
    decay_threshold_days,
    design_matrix,
    history_strength,
    one_way_strength,
    strength_of,
)
from netvalue.codes import (
    CONVERSATION_KINDS,
    DAY,
    DIRECTION_RECEIVED,
    DIRECTION_SENT,
    KIND_MEETING,
    SERVICE_KINDS,
    TIER_ACTIVE,
    TIER_CLOSE,
    TIER_COLLECTED_NAMES,
    TIER_INNER_CIRCLE,
    TIER_KNOWN,
    TIER_MEANINGFUL,
    WEEK,
)
from netvalue.codes import TIERS as TIERS  # re-exported: callers know the tiers from the analysis
from netvalue.codes import YEAR as YEAR
from netvalue.codes import Tier as Tier
from netvalue.columns import SHARED_CONTEXT_MAX_GROUP, InteractionArrays

ACTIVITY_HALF_LIFE_DAYS = 110.0  # Burt 2002, derived in science.md §2
DORMANT_HISTORY = ONCE_STRONG  # "once strong" [ours]
PRESUMED_REPLIES = "the record holds none of the replies from those months (received mail missing)"
ONE_WAY_STRENGTH_CAP = 0.2  # one-way traffic alone is no relationship (science.md §1, peers) [ours]
INNER_WEEKS = 26  # "about weekly": contact in at least half of the last 52 weeks [ours, after Dunbar 2020]
CLOSE_MONTHS = 9  # "about monthly": contact in at least 9 of the last 12 months [ours, after Dunbar 2020]

DUNBAR_LAYERS: dict[Tier, int] = {"inner circle": 5, "close": 15, "active": 150, "meaningful": 500}
"""Dunbar (2020) cumulative layer sizes beside each tier: 5, 15, 150 (yearly contact), 500 [science.md §3]."""

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class TieFeatures:
    """Per-person features as of ``as_of`` (arrays of length n; times −1 when none)."""

    as_of: int
    sent: IntArray  # conversational (message, e-mail), not bulk
    received: IntArray
    meetings: IntArray
    sent_12m: IntArray
    received_12m: IntArray
    meetings_12m: IntArray
    activity_raw: FloatArray  # A = Σ 2^(−Δt/110 d)
    first_contact: IntArray
    last_contact: IntArray
    last_two_way: IntArray
    two_way_ever: BoolArray
    usual_gap_days: FloatArray  # median gap between contact days; nan with < 2 contact days
    reciprocity: FloatArray  # min(sent, received) / max(sent, received); meetings count both ways
    one_to_one: FloatArray  # mean of 1/group_size over conversational interactions
    mean_length: FloatArray
    services: IntArray  # endorsements, recommendations, introductions, given or received
    shared_people: IntArray  # distinct other people met in the same threads
    same_company: BoolArray
    channels: IntArray  # distinct sources
    peak_year: FloatArray  # most (weighted) conversational interactions in any yearly bin back from as_of
    weeks_active: IntArray  # of the last 52 weeks, those with contact
    months_active: IntArray  # of the last 12 months (30.4 days), those with contact
    two_way_moments: tuple[IntArray, IntArray]  # (person, time) of every two-way contact, for trends
    last_two_way_observed: IntArray  # the last two-way contact the record shows (not presumed); −1 none
    clock: RecordClock  # time with the months off the record left out

    @property
    def n(self) -> int:
        return len(self.sent)

    @property
    def presumed_two_way(self) -> BoolArray:
        """Ties whose only two-way contact is presumed: their other direction is missing from the record."""
        return np.asarray(self.two_way_ever & (self.last_two_way_observed < 0))

    def days_since(self, times: IntArray) -> FloatArray:
        """Days of the record between ``times`` and ``as_of`` (months off the record left out); nan for −1."""
        times = np.asarray(times, dtype=np.int64)
        now = self.clock.time(np.array([self.as_of], dtype=np.int64))[0]
        days = (now - self.clock.time(np.maximum(times, 0))) / DAY
        return np.where(times >= 0, days, np.nan)

    def calendar_days_since(self, times: IntArray) -> FloatArray:
        """Calendar days between ``times`` and ``as_of``; nan for −1."""
        return np.where(np.asarray(times) >= 0, (self.as_of - np.asarray(times)) / DAY, np.nan)


@dataclass(frozen=True, slots=True)
class TieSettings:
    """How evidence is counted.  The defaults are the choices ``benchmarks/tie_quality.py`` settled on the
    shared Enron mailboxes (rolling-origin back-test, science.md §8); the alternatives stay for comparison.

    - ``group_weighting``: ``"newman"`` weights a message to n people 1/n for each of them (Newman 2001,
      PNAS 98:404: a paper of n authors weighs 1/(n − 1) per pair; the owner is the n + 1st participant);
      ``"kossinets-watts"`` counts messages to at most 4 people fully and drops larger ones (Kossinets &
      Watts 2006, Science 311:88).
    - ``record_gaps``: months with (almost) no activity in the record are not silence
      (:class:`netvalue.analysis.record.RecordClock`).
    - ``coverage``: a message in a (source, month) whose other direction is missing from the record is
      presumed answered (:func:`netvalue.analysis.record.direction_coverage`); ``presume_received`` does
      the same for received messages where the sent direction is missing, from people you have written
      to at some time; both only for messages to at most ``presume_max_group`` people [ours].
    """

    group_weighting: Literal["newman", "newman-squared", "kossinets-watts", "none"] = "kossinets-watts"
    record_gaps: bool = True
    coverage: bool = True
    presume_received: bool = True
    presume_max_group: int = 4


DEFAULT_SETTINGS = TieSettings()
ORGANISATION_SETTINGS = TieSettings(group_weighting="none", record_gaps=False, coverage=False)
"""What ``netvalue org`` computes in SQL today: every non-bulk event counts once, on ordinary time, every
direction taken as on record (an organisation's metadata holds both).  The parity test holds the SQL to
:func:`tie_features` with these settings."""
PRESUME_MIN_DAYS = 2
"""An exchange is presumed only with someone on 2+ days of such messages: one mail is no relationship [ours]."""
KW_MAX_GROUP = 4  # Kossinets & Watts (2006): 95 % of messages had 4 or fewer recipients


def interaction_weights(group_size: IntArray, weighting: str = "newman") -> FloatArray:
    """What one interaction with a group of ``group_size`` people (besides the owner) counts for one of
    them: 1/n (Newman 2001), or 1 up to 4 people and 0 above (Kossinets & Watts 2006)."""
    n = np.maximum(np.asarray(group_size, dtype=np.float64), 1.0)
    if weighting == "kossinets-watts":
        return np.asarray((n <= KW_MAX_GROUP).astype(np.float64))
    if weighting == "none":
        return np.ones(len(n), dtype=np.float64)
    if weighting == "newman-squared":
        return np.asarray(1.0 / (n * n), dtype=np.float64)
    return np.asarray(1.0 / n, dtype=np.float64)


def tie_features(
    rows: InteractionArrays,
    n_people: int,
    as_of: int,
    *,
    connected_on: IntArray | None = None,
    same_company: BoolArray | None = None,
    settings: TieSettings = DEFAULT_SETTINGS,
) -> TieFeatures:
    """Compute :class:`TieFeatures` for ``n_people`` people from the interactions before ``as_of``.

    ``connected_on`` (−1 when unknown) extends the duration back to the connection date;
    ``same_company`` marks people at one of the owner's organisations (shared context).
    Each interaction counts with :func:`interaction_weights` of its group size; times are read on the
    record's clock (:func:`netvalue.analysis.record.record_clock`) unless ``settings.record_gaps`` is off.
    """
    rows = rows.before(as_of)
    n = n_people
    person, t = rows.person, rows.occurred_at
    clock = record_clock(t, as_of, rows.source) if settings.record_gaps else RecordClock.ordinary()
    clock_now = int(clock.time(np.array([as_of], dtype=np.int64))[0])
    live = ~rows.bulk
    weight = interaction_weights(rows.group_size, settings.group_weighting)
    talk, (sent_m, recv_m, meeting) = _conversations(rows, live & (weight > 0))
    recent = t >= as_of - YEAR

    def count(mask: BoolArray) -> IntArray:
        return np.bincount(person[mask], minlength=n).astype(np.int64)

    sent, received, meetings = count(sent_m), count(recv_m), count(meeting)
    age_days = (clock_now - clock.time(t)) / DAY
    activity = np.bincount(
        person[talk], weights=(weight * np.exp2(-age_days / ACTIVITY_HALF_LIFE_DAYS))[talk], minlength=n
    ).astype(np.float64)

    first = _first_contact(person[talk], t[talk], connected_on, as_of, n)
    last = _group_max(person[talk], t[talk], n)

    last_observed, (moments_p, moments_t) = _two_way_history(rows, (sent_m, recv_m, meeting), settings, n)
    last_two_way = _group_max(moments_p, moments_t, n)

    reciprocity, one_to_one, mean_length = _exchange_ratios(
        rows, weight, talk, (sent_m, recv_m, meeting), presumed_only=(last_two_way >= 0) & (last_observed < 0)
    )

    services = count(live & np.isin(rows.kind, SERVICE_KINDS))
    peak = _peak_year(person[talk], t[talk], weight[talk], as_of, n)
    weeks = _distinct_bins(person, t, talk & (t >= as_of - 52 * WEEK), as_of, WEEK, n)
    months = _distinct_bins(person, t, talk & recent, as_of, int(30.4 * DAY), n)
    channels = _distinct_bins_any(person[live], rows.source[live], n)
    return TieFeatures(
        as_of=as_of,
        sent=sent,
        received=received,
        meetings=meetings,
        sent_12m=count(sent_m & recent),
        received_12m=count(recv_m & recent),
        meetings_12m=count(meeting & recent),
        activity_raw=activity,
        first_contact=first,
        last_contact=last,
        last_two_way=last_two_way,
        two_way_ever=last_two_way >= 0,
        usual_gap_days=_median_gap_days(person[talk], t[talk], n),
        reciprocity=reciprocity,
        one_to_one=one_to_one,
        mean_length=mean_length,
        services=services,
        shared_people=_shared_people(person, rows.message, n),
        same_company=same_company if same_company is not None else np.zeros(n, dtype=np.bool_),
        channels=channels,
        peak_year=peak,
        weeks_active=weeks,
        months_active=months,
        two_way_moments=(moments_p, moments_t),
        last_two_way_observed=last_observed,
        clock=clock,
    )


def _exchange_ratios(
    rows: InteractionArrays,
    weight: FloatArray,
    talk: BoolArray,
    sent_received_met: tuple[BoolArray, BoolArray, BoolArray],
    *,
    presumed_only: BoolArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Reciprocity, one-to-one share and mean message length per person (:func:`ratios_of_counts` on the
    weighted counts); a tie whose exchange is only presumed (``presumed_only``) is not one-way for it."""
    person, n = rows.person, len(presumed_only)
    sent_m, recv_m, meeting = sent_received_met
    message = talk & ~meeting

    def count(mask: BoolArray) -> IntArray:
        return np.bincount(person[mask], minlength=n).astype(np.int64)

    def weighted(mask: BoolArray) -> FloatArray:
        return np.bincount(person[mask], weights=weight[mask], minlength=n).astype(np.float64)

    inv_group = 1.0 / np.maximum(rows.group_size, 1)
    inv_group_sum = np.bincount(person[talk], weights=inv_group[talk], minlength=n).astype(np.float64)
    has_len = message & (rows.length > 0)
    length_sum = np.bincount(
        person[has_len], weights=rows.length[has_len].astype(np.float64), minlength=n
    ).astype(np.float64)
    reciprocity, one_to_one, mean_length = ratios_of_counts(
        weighted(sent_m),
        weighted(recv_m),
        weighted(meeting),
        count(talk),
        inv_group_sum,
        length_sum,
        count(has_len),
    )
    # a tie whose exchange is only presumed: its missing direction is not evidence of one-wayness
    reciprocity = np.where(presumed_only, np.maximum(reciprocity, 0.5), reciprocity)
    return reciprocity, one_to_one, mean_length


def _first_contact(
    person: IntArray, t: IntArray, connected_on: IntArray | None, as_of: int, n: int
) -> IntArray:
    """Each person's first conversation (``person``, ``t``), or the connection date when earlier or the
    only one (−1 for neither; a connection date at or after ``as_of`` is not known yet)."""
    first = _group_min(person, t, n)
    conn = connected_on if connected_on is not None else np.full(n, -1, dtype=np.int64)
    conn = np.where((conn >= 0) & (conn < as_of), conn, -1)
    return np.where(first < 0, conn, np.where(conn >= 0, np.minimum(first, conn), first))


def _conversations(rows: InteractionArrays, counted: BoolArray) -> tuple[BoolArray, tuple[BoolArray, ...]]:
    """Which ``counted`` rows are conversations, and of them the messages sent, the messages received and
    the meetings."""
    talk = counted & np.isin(rows.kind, CONVERSATION_KINDS)
    meeting = talk & (rows.kind == KIND_MEETING)
    message = talk & ~meeting
    return talk, (
        message & (rows.direction == DIRECTION_SENT),
        message & (rows.direction == DIRECTION_RECEIVED),
        meeting,
    )


def _two_way_history(
    rows: InteractionArrays,
    sent_received_met: tuple[BoolArray, BoolArray, BoolArray],
    settings: TieSettings,
    n: int,
) -> tuple[IntArray, tuple[IntArray, IntArray]]:
    """Each person's last observed two-way moment, and every two-way moment ``(person, time)``: the
    observed ones and (``settings.coverage``) those presumed where the record misses a direction."""
    person, t = rows.person, rows.occurred_at
    sent_m, recv_m, meeting = sent_received_met
    observed_p, observed_t = _two_way_moments(person, t, sent_m, recv_m, meeting)
    last_observed = _group_max(observed_p, observed_t, n)
    if not (settings.coverage and len(t)):
        return last_observed, (observed_p, observed_t)
    presumed = _presumed_exchange(rows, sent_m, recv_m, settings, n)
    moments = (np.concatenate([observed_p, person[presumed]]), np.concatenate([observed_t, t[presumed]]))
    return last_observed, moments


def _presumed_exchange(
    rows: InteractionArrays, sent_m: BoolArray, recv_m: BoolArray, settings: TieSettings, n: int
) -> BoolArray:
    """The small messages whose other direction the record is missing (``direction_coverage``): sent
    where the inbox is missing, and (``settings.presume_received``) received where sent mail is missing
    from someone written to at some time; only for people written to (or by) on 2+ days there."""
    person, t = rows.person, rows.occurred_at
    coverage = direction_coverage(rows.source, t, sent_m, recv_m)
    inbox_missing, sent_missing = coverage.lookup(rows.source, t)
    small = rows.group_size <= settings.presume_max_group
    presumed = sent_m & small & inbox_missing
    if settings.presume_received:
        # received where your sent mail is missing, from someone you have written to at some time
        wrote_to = np.bincount(person[sent_m], minlength=n) > 0
        presumed |= recv_m & small & sent_missing & wrote_to[person]
    # one message is no relationship: presumed only for someone written to (or by) on 2+ days there
    days = _distinct_bins_any(person[presumed], t[presumed] // DAY, n)
    presumed &= days[person] >= PRESUME_MIN_DAYS
    return presumed


def _peak_year(person: IntArray, t: IntArray, weight: FloatArray, as_of: int, n: int) -> FloatArray:
    """Each person's largest weighted count of conversations in one year back from ``as_of`` (50 years)."""
    years_back = np.minimum((as_of - t) // YEAR, 49)
    counts = np.bincount(person * 50 + years_back, weights=weight, minlength=n * 50)
    peak: FloatArray = counts.reshape(n, 50).max(axis=1)
    return peak


def ratios_of_counts(
    sent: FloatArray | IntArray,
    received: FloatArray | IntArray,
    meetings: FloatArray | IntArray,
    talk: IntArray,
    inv_group_sum: FloatArray,
    length_sum: FloatArray,
    length_count: IntArray,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Reciprocity, one-to-one share and mean length from per-tie sums: the one place these ratios are
    defined, used by :func:`tie_features` and by ``netvalue.org`` on sums an engine aggregated.

    Reciprocity is min/max of (sent + meetings, received + meetings), meetings counting both ways, on
    counts or on weighted counts (:func:`interaction_weights`); the
    one-to-one share the mean of 1/group size over ``talk`` conversational interactions (0 with none).
    """
    both = sent + meetings, received + meetings
    hi = np.maximum(*both)
    reciprocity = np.where(hi > 0, np.minimum(*both) / np.maximum(hi, 1e-12), 0.0)
    one_to_one = np.where(talk > 0, inv_group_sum / np.maximum(talk, 1), 0.0)
    mean_length = length_sum / np.maximum(length_count, 1)
    return reciprocity, one_to_one, mean_length


def _distinct(values: IntArray) -> IntArray:
    """Sorted distinct values (a sort and a diff: faster than ``np.unique``'s hashing on large int arrays)."""
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _group_max(group: IntArray, values: IntArray, n: int) -> IntArray:
    out = np.full(n, -1, dtype=np.int64)
    np.maximum.at(out, group, values)
    return out


def _group_min(group: IntArray, values: IntArray, n: int) -> IntArray:
    big = np.iinfo(np.int64).max
    out = np.full(n, big, dtype=np.int64)
    np.minimum.at(out, group, values)
    return np.where(out == big, -1, out)


def _two_way_moments(
    person: IntArray, t: IntArray, sent: BoolArray, received: BoolArray, meeting: BoolArray
) -> tuple[IntArray, IntArray]:
    """Every two-way contact as ``(person, time)``: a meeting (mutual by nature), or a received message
    paired with the latest sent message of the same person within ±90 days (the moment is the later
    of the two).  The window is [ours]; science.md §1: one-way traffic alone is no relationship."""
    shift = np.int64(1) << np.int64(36)
    base = int(t.min()) if len(t) else 0
    window = REPLY_WINDOW_DAYS * DAY
    s_key = np.sort(person[sent] * shift + (t[sent] - base))
    r_person, r_t = person[received], t[received]
    r_key = r_person * shift + (r_t - base)
    if len(s_key) == 0:
        r_key, r_person, r_t = r_key[:0], r_person[:0], r_t[:0]
    idx = np.searchsorted(s_key, r_key + window, side="right") - 1
    ok = idx >= 0
    s_match = s_key[np.maximum(idx, 0)] if len(s_key) else r_key
    ok &= (s_match // shift == r_person) & (s_match >= r_key - window)
    s_time = s_match % shift + base
    pair_p = r_person[ok]
    pair_t = np.maximum(r_t[ok], s_time[ok])
    return np.concatenate([pair_p, person[meeting]]), np.concatenate([pair_t, t[meeting]])


def _distinct_bins(
    person: IntArray, t: IntArray, mask: BoolArray, as_of: int, width: int, n: int
) -> IntArray:
    bins = (as_of - t[mask]) // width
    return _distinct_bins_any(person[mask], bins, n)


def _distinct_bins_any(person: IntArray, values: IntArray, n: int) -> IntArray:
    """How many distinct ``values`` each person has."""
    if len(person) == 0:
        return np.zeros(n, dtype=np.int64)
    span = int(values.max()) + 1
    pairs = _distinct(person * span + values)
    return np.bincount(pairs // span, minlength=n).astype(np.int64)


def _median_gap_days(person: IntArray, t: IntArray, n: int) -> FloatArray:
    """Median gap in days between a person's distinct contact days (the tie's usual rhythm, Navarro et al.)."""
    out = np.full(n, np.nan)
    if len(person) == 0:
        return out
    day = t // DAY
    day = day - day.min()
    span = int(day.max()) + 1
    keys = _distinct(person * span + day)
    kp, kd = keys // span, keys % span
    same = kp[1:] == kp[:-1]
    gp, gaps = kp[1:][same], (kd[1:] - kd[:-1])[same]
    order = np.lexsort((gaps, gp))
    gp, gaps = gp[order], gaps[order]
    counts = np.bincount(gp, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    has = counts > 0
    lo = starts[has] + (counts[has] - 1) // 2
    hi = starts[has] + counts[has] // 2
    out[has] = (gaps[lo] + gaps[hi]) / 2.0
    return out


def _shared_people(person: IntArray, message: IntArray, n: int) -> IntArray:
    """Distinct other people each person shared a thread (``message_key``) with: co-occurrence, the
    structural dimension of Gilbert & Karahalios (2009).  Bulk interactions count here."""
    has = message >= 0
    if not has.any():
        return np.zeros(n, dtype=np.int64)
    pairs = _distinct(message[has] * n + person[has])
    msg, who = pairs // n, pairs % n
    starts = np.flatnonzero(np.concatenate([[True], msg[1:] != msg[:-1]]))
    sizes = np.diff(np.concatenate([starts, [len(msg)]]))
    found: list[IntArray] = []
    for k in _distinct(sizes):
        if k < 2 or k > SHARED_CONTEXT_MAX_GROUP:
            continue
        block = who[starts[sizes == k][:, None] + np.arange(k)]
        a, b = block[:, :, None], block[:, None, :]
        codes = (a * n + b)[np.broadcast_to(~np.eye(k, dtype=np.bool_), (len(block), k, k))]
        found.append(_distinct(codes))
    if not found:
        return np.zeros(n, dtype=np.int64)
    distinct = _distinct(np.concatenate(found))
    return np.bincount(distinct // n, minlength=n).astype(np.int64)


@dataclass(frozen=True, slots=True)
class TieJudgment:
    """The judgment of every tie, as arrays of length n (see module docstring for the sources)."""

    strength: FloatArray
    activity: FloatArray  # A / (A + 4) in [0, 1]: 4 ≈ a contact every month or so, ongoing [ours]
    history: FloatArray  # the tie's peak strength: never decays with silence
    lapsing: BoolArray
    dormant: BoolArray
    deep_dormant: BoolArray
    tier: NDArray[np.int8]  # index into TIERS
    contributions: FloatArray  # (n, k): w_i · (x_i − x_i at no evidence), for reasons


def tie_states(features: TieFeatures, history: FloatArray) -> tuple[BoolArray, BoolArray, BoolArray]:
    """``(lapsing, dormant, deep dormant)`` of every tie (science.md §2; one definition each, shared by
    tiers, reasons, the report and ``netvalue explain`` through :mod:`netvalue.analysis.definitions`):

    - *lapsing*: two-way once, silent past 8× its usual gap between contact days and past 90 days, but
      under a year (Navarro et al. 2017: most likely decaying; at risk, worth a nudge);
    - *dormant*: once strong (peak strength ≥ 0.5) and silent 12 months or more;
    - *deep dormant*: dormant and silent 3 years or more (Levin, Walter & Murnighan 2011 studied ties
      dormant at least 3 years).
    Silence is counted on the record's clock: months with no mail at all are not the tie's silence.
    """
    silence = np.nan_to_num(features.days_since(features.last_two_way), nan=-1.0)
    gap = np.nan_to_num(features.usual_gap_days, nan=np.inf)
    two_way = features.two_way_ever
    lapsing = (
        two_way
        & (silence > DORMANT_GAP_MULTIPLE * gap)
        & (silence > DORMANT_MIN_SILENCE_DAYS)
        & (silence < DORMANT_ALWAYS_DAYS)
    )
    dormant = two_way & (history >= DORMANT_HISTORY) & (silence >= DORMANT_ALWAYS_DAYS)
    deep = dormant & (silence >= DEEP_DORMANT_DAYS)
    return np.asarray(lapsing), np.asarray(dormant), np.asarray(deep)


def judge_ties(features: TieFeatures, model: StrengthModel = DEFAULT_MODEL) -> TieJudgment:
    """Strength, activity, peak strength, states and tiers for every person."""
    x = design_matrix(features)
    strength = strength_of(x, model)
    # Without two-way contact the strength stays below the cap, yet keeps its rank (one_way_strength).
    strength = np.where(features.two_way_ever, strength, one_way_strength(strength, ONE_WAY_STRENGTH_CAP))
    history = history_strength(features)
    lapsing, dormant, deep = tie_states(features, history)
    reference = design_matrix(_empty_features(features))
    contributions = (x - reference) * np.array([model.weights[name] for name in FEATURE_NAMES])
    return TieJudgment(
        strength=strength,
        activity=features.activity_raw / (features.activity_raw + 4.0),
        history=history,
        lapsing=lapsing,
        dormant=dormant,
        deep_dormant=deep,
        tier=assign_tiers(features, history),
        contributions=contributions,
    )


def assign_tiers(features: TieFeatures, history: FloatArray) -> NDArray[np.int8]:
    """Tier index per person, from evidence (Dunbar 2020 contact-frequency bands, science.md §3):

    - inner circle: contact in ≥ 26 of the last 52 weeks (about weekly) and two-way in the last 30 days;
    - close: contact in ≥ 9 of the last 12 months (about monthly) and two-way in the last 90 days;
    - active: two-way contact in the last 12 months (the yearly band of the ~150 layer);
    - meaningful: not active, but once strong (peak strength ≥ 0.5; every dormant tie is here);
    - known: two-way contact at some time;
    - collected names: no two-way exchange ever (where the record could show one).
    Silence is read on the record's clock, so "active" and "dormant" (≥ 12 months) never overlap.
    Inner circle and close also need reciprocity ≥ 0.25, so that a stream with one reply is not close [ours].
    """
    silence = np.nan_to_num(features.days_since(features.last_two_way), nan=np.inf)
    balanced = features.reciprocity >= 0.25
    tier = np.full(features.n, TIER_KNOWN, dtype=np.int8)
    tier[history >= DORMANT_HISTORY] = TIER_MEANINGFUL
    tier[silence < DORMANT_ALWAYS_DAYS] = TIER_ACTIVE
    tier[(features.months_active >= CLOSE_MONTHS) & (silence <= 90) & balanced] = TIER_CLOSE
    tier[(features.weeks_active >= INNER_WEEKS) & (silence <= 30) & balanced] = TIER_INNER_CIRCLE
    tier[~features.two_way_ever] = TIER_COLLECTED_NAMES
    return tier


def _empty_features(f: TieFeatures) -> TieFeatures:
    """A person with no evidence at all: the reference point for reasons."""
    zeros = np.zeros(1, dtype=np.int64)
    none = np.full(1, -1, dtype=np.int64)
    nothing = np.zeros(1)
    return TieFeatures(
        as_of=f.as_of,
        sent=zeros,
        received=zeros,
        meetings=zeros,
        sent_12m=zeros,
        received_12m=zeros,
        meetings_12m=zeros,
        activity_raw=nothing,
        first_contact=none,
        last_contact=none,
        last_two_way=none,
        two_way_ever=np.zeros(1, dtype=np.bool_),
        usual_gap_days=np.full(1, np.nan),
        reciprocity=nothing,
        one_to_one=nothing,
        mean_length=nothing,
        services=zeros,
        shared_people=zeros,
        same_company=np.zeros(1, dtype=np.bool_),
        channels=zeros,
        peak_year=nothing,
        weeks_active=zeros,
        months_active=zeros,
        two_way_moments=(zeros[:0], zeros[:0]),
        last_two_way_observed=none,
        clock=f.clock,
    )


def reason_order(judgment: TieJudgment) -> NDArray[np.int64]:
    """For every person, the feature indices by how much they moved the strength (largest first)."""
    return np.argsort(-np.abs(judgment.contributions), axis=1, kind="stable")


def tie_reasons(
    features: TieFeatures,
    judgment: TieJudgment,
    i: int,
    limit: int = 3,
    order: NDArray[np.int64] | None = None,
) -> tuple[str, ...]:
    """The ``limit`` features that moved person ``i``'s strength most (largest |w·(x − x at no evidence)|),
    in words: "38 messages both ways in the last year; last two-way contact 9 days ago; ...".
    ``order`` is :func:`reason_order`'s result, when reasons are wanted for many people."""
    values = judgment.contributions[i]
    ranked = order[i] if order is not None else np.argsort(-np.abs(values), kind="stable")
    row = values.tolist()
    out: list[str] = []
    for j in ranked.tolist():
        if len(out) >= limit:
            break
        if abs(row[j]) < 0.05:
            continue
        text = _reason_text(FEATURE_NAMES[j], features, i)
        if text:
            out.append(text)
    return tuple(out)


def _ago(days: float) -> str:
    if days < 1:
        return "today"
    if days < 60:
        return f"{days:.0f} day{'s' if round(days) != 1 else ''} ago"
    if days < 730:
        return f"{days / 30.4:.0f} months ago"
    return f"{days / 365:.0f} years ago"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _reason_text(name: str, f: TieFeatures, i: int) -> str:
    sent, received = int(f.sent_12m[i]), int(f.received_12m[i])
    presumed = bool(f.two_way_ever[i] and f.last_two_way_observed[i] < 0)
    if name == "intensity":
        meet = f"; {_plural(int(f.meetings_12m[i]), 'meeting')}" if f.meetings_12m[i] else ""
        silence = float(np.nan_to_num(f.days_since(f.last_two_way[i : i + 1]), nan=np.inf)[0])
        if sent and received and silence < DORMANT_ALWAYS_DAYS and not presumed:
            return f"{sent + received} messages both ways in the last year{meet}"
        if sent and received:
            return f"{sent} messages from you and {received} to you in the last year, never in reply{meet}"
        if sent and presumed:
            return f"{_plural(sent, 'message')} from you in the last year{meet}; {PRESUMED_REPLIES}"
        if sent:
            return f"{_plural(sent, 'message')} from you in the last year, none back{meet}"
        if received:
            return f"{_plural(received, 'message')} to you in the last year, none answered{meet}"
        if meet:
            return meet[2:] + " in the last year"
        return "no contact in the last year"
    if name == "recency":
        if f.last_two_way[i] < 0:
            return "never a two-way exchange"
        ago = _ago(float(f.as_of - f.last_two_way[i]) / DAY)
        if presumed:
            return f"last message from you {ago}; {PRESUMED_REPLIES}"
        off = float(f.clock.off_record_days(f.last_two_way[i : i + 1], f.as_of)[0])
        note = f" ({off / 30.4:.0f} of those months with no mail on record)" if off >= 45 else ""
        return f"last two-way contact {ago}{note}"
    if name == "last_contact":
        if f.last_contact[i] < 0:
            return "no contact on record"
        if f.last_contact[i] == f.last_two_way[i]:
            return ""  # the same moment as the last two-way contact: said once
        return f"last contact either way {_ago(float(f.as_of - f.last_contact[i]) / DAY)}"
    if name == "overdue":
        if f.last_contact[i] < 0:
            return ""  # said by "last_contact"
        silence = float(f.as_of - f.last_contact[i]) / DAY
        threshold = float(decay_threshold_days(f.usual_gap_days[i : i + 1])[0])
        gap = float(f.usual_gap_days[i])
        if gap != gap:  # nan: fewer than 2 contact days
            rhythm = "no regular rhythm yet"
        else:
            rhythm = "a contact about every day" if gap < 1.5 else f"a contact about every {gap:.0f} days"
        if silence <= threshold:
            return f"contact either way keeps the tie's usual rhythm ({rhythm})"
        return f"silent {silence / threshold:.1f}× as long as the tie's rhythm allows ({rhythm})"
    if name == "duration":
        if f.first_contact[i] < 0:
            return ""
        days = float(f.as_of - f.first_contact[i]) / DAY
        return f"known for {days / 365:.0f} years" if days >= 730 else f"known for {days / 30.4:.0f} months"
    if name == "reciprocity":
        s, r = int(f.sent[i]), int(f.received[i])
        label = "balanced" if f.reciprocity[i] >= 0.5 else "one-sided"
        return f"{label}: {s} sent, {r} received"
    if name == "one_to_one":
        return "mostly one-to-one" if f.one_to_one[i] >= 0.5 else "mostly in groups"
    if name == "meetings":
        return f"{_plural(int(f.meetings[i]), 'meeting')} in all"
    if name == "words":
        length = float(f.mean_length[i])
        return "long messages" if length >= 5000 else f"messages of {length:,.0f} characters on average"
    if name == "services":
        return f"{_plural(int(f.services[i]), 'endorsement or recommendation')} between you"
    if name == "shared_context":
        return f"{_plural(int(f.shared_people[i]), 'other person')} in your shared threads"
    if name == "same_company":
        return "works where you work or worked"
    if name == "channels":
        return f"in touch on {int(f.channels[i])} channels"
    return ""


def monthly_active(moments: tuple[IntArray, IntArray], as_of: int, months: int = 36) -> list[tuple[str, int]]:
    """``("YYYY-MM", people)`` for the ``months`` calendar months up to ``as_of``'s: how many distinct
    people you had a two-way contact with in each month (the trend of working relationships)."""
    person, t = moments
    last = np.datetime64(as_of - 1, "s").astype("datetime64[M]")  # the month of the last moment before as_of
    first = last - np.timedelta64(months - 1, "M")
    month = t.astype("datetime64[s]").astype("datetime64[M]")
    keep = (month >= first) & (month <= last) & (t < as_of)
    index = (month[keep] - first).astype(np.int64)
    counts = _distinct_bins_any(index, person[keep], months) if keep.any() else np.zeros(months, np.int64)
    labels = [str(first + np.timedelta64(k, "M")) for k in range(months)]
    return list(zip(labels, (int(c) for c in counts), strict=True))
