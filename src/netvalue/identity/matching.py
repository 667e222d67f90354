"""Probabilistic matching: which pairs of people are probably one human, and how sure we are.

Pure functions over :class:`PersonFacts` rows (no SQL).  The scheme is the classic one of record
linkage (Fellegi & Sunter 1969, "A theory for record linkage", JASA 64(328)): compare only pairs that
share a *blocking key* (never all pairs), score each pair from the agreement of its fields, merge above
an upper threshold, send the band between the thresholds to clerical review, leave the rest apart.

The weights are ours, set by hand on the generated benchmark (``benchmarks/identity.py``) and kept
deliberately cautious: a name alone scores below the automatic threshold; it takes a corroborating fact
(same company, an e-mail domain that is the other's company, an e-mail local part that spells the
other's name) to merge.  Conflicting facts pull the confidence down: different companies, two different
addresses at the same corporate domain (colleagues), and two distinct LinkedIn profiles (two humans,
never merged automatically whatever else agrees).

The exceptions are frequency-based (Fellegi & Sunter 1969, sec. 3; Winkler's frequency-based
adjustment of agreement weights): an exact full name that is *rare* in the database -- fewer than
:data:`~netvalue.identity.frequency.COINCIDENCE_LIMIT` namesakes expected -- merges two people from
different sources when nothing contradicts it (:func:`_merge_rare_names`).  Then a name that nobody
else in the database bears merges its two bearers -- and an initial, a typo or an address that only one
person's name fits merges with that person -- rarest first, as far as the namesakes expected among such
names allow (:mod:`netvalue.identity.namesakes`: counted from decoys, names borne twice within one source
that lists a human once; :func:`_merge_lone_names`).  A common name alone (both parts among the
commonest, :func:`~netvalue.identity.frequency.is_common_name`) never merges; it waits in the review
queue.  Every automatic merge carries its reasons (:attr:`Match.reasons`), and ``netvalue split``
undoes it.

Issue 3's recall work added, within the same budget: a name borne by three to five people merges the
pieces that the sources leave no other way to share out (:mod:`netvalue.identity.shared_names`); an
address that spells a full name counts as that name
(:func:`~netvalue.identity.corroboration.spells_full_name`); two listed employers that disagree are priced
as a job change, at the rate the database shows (:func:`~netvalue.identity.corroboration.job_change_ratio`);
and a profile whose company is the domain of two colleagues' addresses merges with neither
(:func:`~netvalue.identity.corroboration.ambiguous_colleagues`).  Pair scores are in
:mod:`netvalue.identity.scoring`, the union-find in :mod:`netvalue.identity.groups`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, replace

from netvalue.identity.blocking import candidate_pairs
from netvalue.identity.corroboration import (
    ambiguous_colleagues,
    colleagues,
    job_change_ratio,
    spells_full_name,
)
from netvalue.identity.duplicate_accounts import duplicate_accounts, profiles_only
from netvalue.identity.frequency import ALIAS_SOURCES, COINCIDENCE_LIMIT, NameFrequencies, is_common_name
from netvalue.identity.groups import Groups as _Groups
from netvalue.identity.groups import chained_sizes
from netvalue.identity.mailbox_aliases import REASON as _ALIAS_REASON
from netvalue.identity.mailbox_aliases import alias_groups
from netvalue.identity.namesakes import (
    TOLERATED_FALSE_MERGES,
    NamesakeEstimate,
    accept_lone_names,
    estimate_namesakes,
    namesake_chance,
)
from netvalue.identity.profiles import Profile, combined, normalize_company, profile_of
from netvalue.identity.scoring import (
    _COLLEAGUE_REASON,
    _CONTRADICTIONS,
    _LOOSE_NAME,
    _OTHER_COMPANY_REASON,
    _RARE_NAME,
    _TWO_PROFILES,
    _TWO_PROFILES_REASON,
    AUTO_MERGE,
    REVIEW,
    Match,
    MergeRule,
    _best_name,
    score_pair,
)
from netvalue.identity.shared_names import MAX_BEARERS, forced_joins
from netvalue.store.identity import PersonFacts

__all__ = [
    "AUTO_MERGE",
    "REVIEW",
    "Match",
    "MergeRule",
    "PersonFacts",
    "ResolutionPlan",
    "normalize_company",
    "plan_resolution",
    "score_pair",
]


@dataclass(frozen=True, slots=True)
class ResolutionPlan:
    """``merges``: (keep, other) in the order to apply them (``keep`` the older id, still alive at that
    point); ``queue``: pairs for review, between the current survivors; ``compared``: pairs scored."""

    merges: tuple[Match, ...]
    queue: tuple[Match, ...]
    compared: int


def plan_resolution(
    people: Sequence[PersonFacts],
    kept_apart: Set[frozenset[int]] = frozenset(),
    *,
    auto_merge: float = AUTO_MERGE,
    review: float = REVIEW,
    coincidence_limit: float = COINCIDENCE_LIMIT,
    prior_links: int = 0,
    prior_wrong: float = 0.0,
) -> ResolutionPlan:
    """Which people to merge now and which pairs to queue for review.

    ``kept_apart``: pairs of person ids the user split or rejected; they are never merged, directly or
    through a third person, nor queued.  Merges are taken strongest first; each one joins two groups
    (the oldest id survives), so the plan can be applied in order with ``merge_people(keep, other)``.
    Then pairs linked by nothing but a rare exact full name merge (:func:`_merge_rare_names`; a
    ``coincidence_limit`` of 0 turns that off), and lone names within the error budget
    (:func:`_merge_lone_names`), which counts ``prior_links`` record pairs linked and ``prior_wrong``
    expected wrongly linked by the automatic merges of earlier
    runs that still stand.  When every person is a LinkedIn profile nothing can merge, and only the
    pairs that may be one human's two accounts are queued (:mod:`netvalue.identity.duplicate_accounts`).
    """
    if profiles_only(people):  # nothing can merge: only duplicate accounts are worth a look
        return ResolutionPlan((), *duplicate_accounts(people, kept_apart, auto_merge, review))
    profiles = [profile_of(p) for p in people]
    by_id = {p.id: p for p in profiles}
    pairs = candidate_pairs(profiles)
    matches = _scored_matches(profiles, pairs, kept_apart, review)
    groups = _Groups(
        (p.id for p in profiles),
        kept_apart,
        {p.id: p.linkedins for p in profiles if p.linkedins},
        {p.id: _records(p) for p in profiles},
    )
    merges: list[Match] = []
    _merge_aliases(profiles, {p.id: p.name for p in people}, groups, merges, auto_merge)
    pending = _merge_sure(matches, groups, merges, auto_merge, _work_addresses(profiles, groups))
    if coincidence_limit > 0:
        sure_decoys = sum(1 for m in matches if _sure_decoy(m, by_id[m.a], by_id[m.b], auto_merge))
        rare: list[tuple[int, float, frozenset[str], frozenset[str]]] = []
        pending = _merge_rare_names(pending, profiles, groups, merges, coincidence_limit, auto_merge, rare)
        pending = _merge_lone_names(
            pending,
            profiles,
            groups,
            merges,
            auto_merge,
            _Spent(sure_decoys, rare, prior_links, prior_wrong),
        )
    queue = _review_queue(pending, profiles, groups, auto_merge, review)
    return ResolutionPlan(tuple(merges), queue, len(pairs))


def _scored_matches(
    profiles: Sequence[Profile],
    pairs: Iterable[tuple[int, int]],
    kept_apart: Set[frozenset[int]],
    review: float,
) -> list[Match]:
    """The candidate pairs scored, those near enough the review threshold and not kept apart by the user."""
    matches: list[Match] = []
    for x, y in pairs:
        match = score_pair(profiles[x], profiles[y])
        if (
            match is not None
            and match.confidence >= review - _LOOSE_NAME
            and frozenset((match.a, match.b)) not in kept_apart
        ):
            matches.append(match)
    return matches


def _work_addresses(profiles: Sequence[Profile], groups: _Groups) -> dict[int, frozenset[str]]:
    """Each group's addresses at its people's corporate domains."""
    work_addresses: dict[int, frozenset[str]] = defaultdict(frozenset)
    for p in profiles:
        if p.corporate_domains:
            root = groups.find(p.id)
            work_addresses[root] = work_addresses[root] | frozenset(
                x for x in p.addresses if x.rpartition("@")[2] in p.corporate_domains
            )
    return work_addresses


def _review_queue(
    pending: list[Match], profiles: Sequence[Profile], groups: _Groups, auto_merge: float, review: float
) -> tuple[Match, ...]:
    """The pairs left for the user, strongest first, one per pair of groups, each below ``auto_merge``."""
    by_id = {p.id: p for p in profiles}
    # A full name no third person in the database bears, but too common (or not across two sources) for
    # _merge_rare_names, ranks higher in the review queue.
    bearers: dict[tuple[str, str], set[int]] = defaultdict(set)
    for p in profiles:
        if p.name_key is not None:
            bearers[p.name_key].add(groups.find(p.id))
    ranked: list[Match] = []
    for match in pending:
        key_a, key_b = by_id[match.a].name_key, by_id[match.b].name_key
        if (
            key_a is not None
            and key_a == key_b
            and len(bearers[key_a]) == 2
            and _TWO_PROFILES_REASON not in match.reasons
        ):
            confidence = round(min(auto_merge - 0.001, match.confidence + _RARE_NAME), 3)
            match = Match(match.a, match.b, confidence, (*match.reasons, "nobody else has this name"))
        if match.confidence >= review:
            ranked.append(match)
    pending = sorted(ranked, key=lambda m: -m.confidence)
    queue: dict[tuple[int, int], Match] = {}
    for match in pending:
        ra, rb = groups.find(match.a), groups.find(match.b)
        if ra == rb or _apart(groups, ra, rb):
            continue
        key = (min(ra, rb), max(ra, rb))
        if key not in queue:
            queue[key] = Match(key[0], key[1], min(match.confidence, auto_merge - 0.001), match.reasons)
    return tuple(queue.values())


def _merge_aliases(
    profiles: Sequence[Profile],
    raw_names: dict[int, str],
    groups: _Groups,
    merges: list[Match],
    auto_merge: float,
) -> None:
    """Join one human's several addresses at one domain within one mailbox
    (:mod:`netvalue.identity.mailbox_aliases`), as sure merges: their expected namesakes are priced
    with the other sure merges' (:func:`_price_earlier_merges`)."""
    for ids in alias_groups(profiles, raw_names):
        for other in ids[1:]:
            if not groups.can_join(ids[0], other):
                continue
            pairs = groups.pairs(ids[0], other)
            keep, gone = groups.join(ids[0], other)
            confidence = max(auto_merge, 0.95)
            merges.append(Match(keep, gone, confidence, (_ALIAS_REASON,), "sure", pairs))


def _merge_sure(
    matches: list[Match],
    groups: _Groups,
    merges: list[Match],
    auto_merge: float,
    work_addresses: dict[int, frozenset[str]],
) -> list[Match]:
    """Join the groups of every match at or above ``auto_merge``, strongest first; return the rest.

    A match is held back when the two *groups* hold two different addresses at one corporate domain
    (``work_addresses``: each person's addresses at a non-web-mail domain): the pairwise score sees that
    between two people (``_COLLEAGUE``), but a LinkedIn profile whose company is the domain of both
    ``christopher.lea@`` and ``christopher.lea2@`` would otherwise join the two colleagues through itself.
    The same whole-group check as the name-only rules make (:func:`_merge_rare_names`)."""
    held: dict[int, frozenset[str]] = {root: held for root, held in work_addresses.items() if held}
    pending: list[Match] = []
    ambiguous = ambiguous_colleagues(((m.a, m.b) for m in matches if m.confidence >= auto_merge), held)
    for match in sorted(matches, key=lambda m: (-m.confidence, min(m.a, m.b), max(m.a, m.b))):
        if frozenset((match.a, match.b)) in ambiguous:
            pending.append(replace(match, reasons=(*match.reasons, _COLLEAGUE_REASON)))
        elif match.confidence >= auto_merge and groups.can_join(match.a, match.b):
            ra, rb = groups.find(match.a), groups.find(match.b)
            if colleagues(held.get(ra, frozenset()), held.get(rb, frozenset())):
                pending.append(replace(match, reasons=(*match.reasons, _COLLEAGUE_REASON)))
                continue
            pairs = groups.pairs(match.a, match.b)
            keep, other = groups.join(match.a, match.b)
            held[keep] = held.pop(ra, frozenset()) | held.pop(rb, frozenset())
            merges.append(Match(keep, other, match.confidence, match.reasons, "sure", pairs))
        else:
            pending.append(match)
    return pending


def _exact_name_key(a: Profile, b: Profile) -> tuple[str, str] | None:
    """The name key of ``a`` and ``b`` when both carry the same full name as a source gave it: the same
    family name and given names that are equal or a known nickname of one full form (Bob and Robert); not
    read off an address, not an initial, not a typo."""
    key = a.name_key
    if key is None or a.name.derived or b.name.derived:
        return None
    return key if key == b.name_key else None


def _merge_rare_names(
    pending: list[Match],
    profiles: Sequence[Profile],
    groups: _Groups,
    merges: list[Match],
    limit: float,
    auto_merge: float,
    priced: list[tuple[int, float, frozenset[str], frozenset[str]]],
) -> list[Match]:
    """Merge pairs that agree on nothing but an exact full name when that name is rare; return the rest.
    Each merge made is listed in ``priced`` as ``(index in merges, coincidence, sources, sources)``, for
    :func:`_merge_lone_names` to estimate its chance of two namesakes.

    Frequency-based name weights in the Fellegi-Sunter tradition (:mod:`netvalue.identity.frequency`):
    the expected number of namesakes ``N * f(first) * f(last)`` over the people as grouped so far must be
    below ``limit``, rarest first, and nothing may contradict the merge: no different companies, no two
    LinkedIn profiles, no two addresses at one corporate domain (checked between the two whole groups),
    the two groups come from different sources (they may share only :data:`ALIAS_SOURCES`, where one
    human has several addresses), and in every other source each group is the only bearer of the name.
    The user's decisions (``kept_apart``) hold as for every merge.
    """
    by_id = {p.id: p for p in profiles}
    named: list[tuple[Match, tuple[str, str]]] = []
    rest: list[Match] = []
    for match in pending:
        a, b = by_id[match.a], by_id[match.b]
        key = _exact_name_key(a, b) if a.sources and b.sources else None
        if key is not None and not _CONTRADICTIONS.intersection(match.reasons):
            named.append((match, key))
        else:
            rest.append(match)
    if not named:
        return rest
    members: dict[int, list[Profile]] = defaultdict(list)
    for p in profiles:
        members[groups.find(p.id)].append(p)
    frequencies = NameFrequencies.count(
        {k for p in group if not p.name.derived and (k := p.name_key) is not None}
        for group in members.values()
    )
    bearers: dict[tuple[str, tuple[str, str]], set[int]] = defaultdict(set)
    for p in profiles:
        if p.name_key is not None and not p.name.derived:
            for source in p.sources - ALIAS_SOURCES:
                bearers[source, p.name_key].add(p.id)
    rare: list[tuple[float, Match, tuple[str, str]]] = []
    for match, key in named:
        chance = frequencies.coincidence(*key)
        if chance < limit:
            rare.append((chance, match, key))
        else:
            rest.append(match)
    rare.sort(key=lambda item: (item[0], min(item[1].a, item[1].b), max(item[1].a, item[1].b)))
    for chance, match, key in rare:
        ra, rb = groups.find(match.a), groups.find(match.b)
        if ra == rb or not groups.can_join(ra, rb):
            rest.append(match)
            continue
        whole_a, whole_b = combined(members[ra]), combined(members[rb])
        if not _sources_allow(whole_a.sources, whole_b.sources) or not all(
            {groups.find(i) for i in bearers[source, key]} == {root}
            for root, whole in ((ra, whole_a), (rb, whole_b))
            for source in whole.sources - ALIAS_SOURCES
        ):
            rest.append(match)
            continue
        check = score_pair(whole_a, whole_b)
        if check is None or _CONTRADICTIONS.intersection(check.reasons):
            rest.append(match)
            continue
        pairs = groups.pairs(ra, rb)
        keep, other = groups.join(ra, rb)
        members[keep].extend(members.pop(other))
        confidence = round(max(auto_merge, min(1.0 - chance, 0.999)), 3)
        reason = f"a rare name: {chance:.2g} namesakes expected among {frequencies.named:,} people"
        priced.append((len(merges), chance, whole_a.sources, whole_b.sources))
        merges.append(Match(keep, other, confidence, (*match.reasons, reason), "rare_name", pairs))
    return rest


@dataclass(frozen=True, slots=True)
class _Spent:
    """What the error budget of :func:`_merge_lone_names` has already been spent on: ``sure_decoys``, the
    pairs scored at the automatic threshold whose two people share a source that lists a human once (two
    humans for certain, :func:`_sure_decoy`); ``rare``, this run's rare-name merges (index in the merges,
    coincidence, the two groups' sources); ``prior_links`` and ``prior_wrong``, the record pairs linked and
    expected wrongly linked by earlier runs' automatic merges that still stand (``identity_merges``)."""

    sure_decoys: int
    rare: list[tuple[int, float, frozenset[str], frozenset[str]]]
    prior_links: int = 0
    prior_wrong: float = 0.0


def _records(p: Profile) -> int:
    """The records a person stands for: one per source it appears in (the unit precision is counted over)."""
    return max(len(p.sources), 1)


def _sure_decoy(match: Match, a: Profile, b: Profile, auto_merge: float) -> bool:
    """A pair scored at the automatic threshold (or held below it only by two LinkedIn profiles) whose two
    people share a source that lists a human once: two humans for certain, a decoy of the sure merges."""
    sure = match.confidence >= auto_merge or (
        _TWO_PROFILES_REASON in match.reasons and match.confidence >= _TWO_PROFILES
    )
    return sure and bool((a.sources & b.sources) - ALIAS_SOURCES)


def _price_earlier_merges(merges: list[Match], estimate: NamesakeEstimate, spent: _Spent) -> None:
    """Give this run's sure and rare-name merges their estimated chance of two namesakes, in place.

    Rare names as lone names are (:func:`~netvalue.identity.namesakes.namesake_chance`).  Sure merges by
    the decoy count of :mod:`netvalue.identity.namesakes` applied to the pairs scored at the threshold:
    ``D`` of them share a non-alias source, so ``D * (1 - phi) / phi`` of the sure merges are expected
    namesakes, spread evenly over them (no add-one here: the smoothing is the lone-name estimate's)."""
    for index, coincidence, sources_a, sources_b in spent.rare:
        chance = namesake_chance(estimate.rate(sources_a, sources_b), coincidence)
        merges[index] = replace(merges[index], namesake_chance=chance)
    sure = [i for i, m in enumerate(merges) if m.rule == "sure"]
    if sure and spent.sure_decoys:
        chance = min(1.0, spent.sure_decoys * estimate.decoy_scale / len(sure))
        for index in sure:
            merges[index] = replace(merges[index], namesake_chance=chance)


def _merge_lone_names(
    pending: list[Match],
    profiles: Sequence[Profile],
    groups: _Groups,
    merges: list[Match],
    auto_merge: float,
    spent: _Spent,
) -> list[Match]:
    """Merge pairs that only each other could be, as many as the namesakes expected among such pairs
    allow (:mod:`netvalue.identity.namesakes`); return the rest.

    A pair qualifies when its two groups bear one exact full name nobody else in the database bears, or
    when their names agree more loosely (an initial, a typo, an address spelling the name) and neither
    group has any other candidate while each full name they bear is theirs alone.  The same checks as
    :func:`_merge_rare_names` hold: nothing contradicts the pair, between the whole groups either, and the
    two groups share no source that lists a human once.

    Also candidates: the pieces a name of 3+ bearers can only be shared out one way
    (:func:`_shared_name_candidates`, their chance multiplied by the fewest humans behind the name), and
    exact names whose listed employers disagree (a job change: their chance divided by
    :func:`~netvalue.identity.corroboration.job_change_ratio`).  The expected namesakes are spread over the
    lone names by their frequency alone, not shifted toward the names whose employers disagree: that would
    let more of the other names through, and measured, it cost the hard name setting its precision
    (``benchmarks/identity.py``: 2000 people, seed 8, 0.9892 against 0.9924 without it).

    The budget is honest about the other merges: this run's sure and rare-name merges are priced first
    (:func:`_price_earlier_merges`), and their expected wrong pairs, with those of earlier runs
    (``spent.prior_wrong``), count against :data:`TOLERATED_FALSE_MERGES` of every pair resolution has
    linked, in this run and the earlier ones (``spent.prior_links``)."""
    by_id = {p.id: p for p in profiles}
    named, rest, partners = _named_pairs(pending, by_id, groups)
    crowd = _Crowd.of(profiles, groups)
    candidates, moved = _lone_candidates(named, by_id, groups, crowd, partners, rest)
    humans: dict[frozenset[int], int] = {}  # the fewest humans behind a name of 3+ bearers (shared_names)
    shared = _shared_name_candidates(crowd.bearers, crowd.members, crowd.sources, groups, crowd.frequencies)
    for pair, (match, coincidence, fewest) in shared.items():
        if pair not in candidates:
            candidates[pair] = (match, coincidence, True)
            humans[pair] = fewest
    if not candidates and not merges:
        return rest
    members, sources = crowd.members, crowd.sources
    job_change = job_change_ratio(members.values())
    estimate = estimate_namesakes(
        ((crowd.keys[root], sources[root]) for root in members),
        lambda key: crowd.frequencies.coincidence(*key),
    )
    _price_earlier_merges(merges, estimate, spent)
    for pair in [pair for pair in moved if job_change <= 0.0]:
        match = candidates.pop(pair)[0]
        rest.append(match)  # too few people known from two employers' sources to price a job change
    roots = list(candidates)  # the two groups' roots, as the candidate was found
    chosen = [candidates[pair] for pair in roots]
    # a record is a person's appearance in one source: the unit precision is counted over
    sizes = chained_sizes([(m.a, m.b) for m, _, _ in chosen], groups)
    # every pair resolution has linked, in this run and the earlier ones, and those expected wrong
    linked = spent.prior_links + sum(m.linked_pairs for m in merges)
    wrong = spent.prior_wrong + sum(m.namesake_chance * m.linked_pairs for m in merges)
    chances = [c for _, c, _ in chosen]
    rates = [
        estimate.rate(sources[groups.find(m.a)], sources[groups.find(m.b)])
        * humans.get(pair, 1)
        / (job_change if pair in moved else 1.0)
        for pair, (m, _, _) in zip(roots, chosen, strict=True)
    ]
    taken = dict(accept_lone_names(chances, rates, sizes, linked, TOLERATED_FALSE_MERGES, wrong))
    for index, (match, _, exact) in enumerate(chosen):
        if index not in taken:
            rest.append(match)
            continue
        if roots[index] in humans:
            kind = "the sources leave no other way to share this name out"
        elif roots[index] in moved:
            kind = f"nobody else bears this name, companies differ (job change, likelihood ratio {job_change:.2g})"
        else:
            kind = "nobody else bears this name" if exact else "nobody else has a name this close"
        merges.append(_lone_merge(match, groups, taken[index], kind, estimate, auto_merge, sizes[index]))
    return rest


def _lone_merge(
    match: Match,
    groups: _Groups,
    chance: float,
    kind: str,
    estimate: NamesakeEstimate,
    auto_merge: float,
    size: int,
) -> Match:
    """Join the pair's groups and say why: ``kind``, and the chance that they are two namesakes."""
    keep, other = groups.join(match.a, match.b)
    reason = (
        f"{kind}:"
        f" {chance:.2g} chance of two namesakes"
        f" ({estimate.expected_namesakes:.1f} expected among {estimate.lone:,} such names)"
    )
    confidence = round(max(auto_merge, min(1.0 - chance, 0.999)), 3)
    return Match(keep, other, confidence, (*match.reasons, reason), "lone_name", size, chance)


def _named_pairs(
    pending: list[Match], by_id: dict[int, Profile], groups: _Groups
) -> tuple[list[tuple[Match, int, int]], list[Match], dict[int, set[int]]]:
    """The pending pairs that may be lone names (with their groups' roots), the rest, and every group's
    candidate partners.  Out: a pair already one group, a contradiction (another company is none between
    bearers of one name), a side without sources, or sides whose groups share a source."""
    partners: dict[int, set[int]] = defaultdict(set)
    named: list[tuple[Match, int, int]] = []
    rest: list[Match] = []
    for match in pending:
        ra, rb = groups.find(match.a), groups.find(match.b)
        if ra == rb:
            rest.append(match)
            continue
        partners[ra].add(rb)
        partners[rb].add(ra)
        a, b = by_id[match.a], by_id[match.b]
        same_name = a.name_key is not None and a.name_key == b.name_key
        if (
            _CONTRADICTIONS.intersection(match.reasons) - ({_OTHER_COMPANY_REASON} if same_name else set())
            or not (a.sources and b.sources)
            or (a.sources & b.sources) - ALIAS_SOURCES  # their groups share that source too
        ):
            rest.append(match)
        else:
            named.append((match, ra, rb))
    return named, rest, partners


@dataclass(slots=True)
class _Crowd:
    """The groups as they stand: their profiles, the name keys each bears, their sources, who bears each
    name key, and how often each name (and each initial) occurs."""

    members: dict[int, list[Profile]]
    keys: dict[int, set[tuple[str, str]]]
    sources: dict[int, frozenset[str]]
    bearers: dict[tuple[str, str], set[int]]
    frequencies: NameFrequencies
    initials: Counter[str]

    @classmethod
    def of(cls, profiles: Sequence[Profile], groups: _Groups) -> _Crowd:
        members: dict[int, list[Profile]] = defaultdict(list)
        for p in profiles:
            members[groups.find(p.id)].append(p)
        keys = {root: {k for p in group if (k := p.name_key) is not None} for root, group in members.items()}
        sources = {
            root: group[0].sources if len(group) == 1 else frozenset().union(*(p.sources for p in group))
            for root, group in members.items()
        }
        bearers: dict[tuple[str, str], set[int]] = defaultdict(set)
        for root, own in keys.items():
            for borne in own:
                bearers[borne].add(root)
        frequencies = NameFrequencies.count(keys.values())
        initials: Counter[str] = Counter()
        for given, count in frequencies.given.items():
            initials[given[:1]] += count
        return cls(members, keys, sources, bearers, frequencies, initials)


def _lone_candidates(
    named: list[tuple[Match, int, int]],
    by_id: dict[int, Profile],
    groups: _Groups,
    crowd: _Crowd,
    partners: dict[int, set[int]],
    rest: list[Match],
) -> tuple[dict[frozenset[int], tuple[Match, float, bool]], set[frozenset[int]]]:
    """The pairs that only each other could be, each with its coincidence and whether the name is exact,
    and those whose companies disagree (one human only after a job change); the others go to ``rest``."""
    candidates: dict[frozenset[int], tuple[Match, float, bool]] = {}
    moved: set[frozenset[int]] = set()
    bearers, keys, sources, members = crowd.bearers, crowd.keys, crowd.sources, crowd.members
    for match, ra, rb in named:
        a, b = by_id[match.a], by_id[match.b]
        pair = frozenset((ra, rb))
        exact = a.name_key is not None and a.name_key == b.name_key
        if any(is_common_name(*k) for k in (a.name_key, b.name_key) if k is not None):
            rest.append(match)  # issue 3: a common name alone never merges, however few bear it here
            continue
        if exact:
            unique = a.name_key is not None and bearers[a.name_key] == pair
        else:
            unique = (
                partners[ra] == {rb}
                and partners[rb] == {ra}
                and all(bearers[k] == {root} for root in pair for k in keys[root])
            )
        if (
            not unique
            or pair in candidates
            or not groups.can_join(ra, rb)
            or (sources[ra] & sources[rb]) - ALIAS_SOURCES
        ):
            rest.append(match)
            continue
        whole_a, whole_b = combined(members[ra]), combined(members[rb])
        check = score_pair(whole_a, whole_b)
        # a job change is read off two listed employers, never off an address at another company's domain
        allowed = {_OTHER_COMPANY_REASON} if exact and whole_a.companies and whole_b.companies else set()
        if check is None or _CONTRADICTIONS.intersection(check.reasons) - allowed:
            rest.append(match)
            continue
        if _OTHER_COMPANY_REASON in check.reasons:
            moved.add(pair)
        candidates[pair] = (match, _lone_coincidence(a, b, crowd.frequencies, crowd.initials), exact)
    return candidates, moved


def _shared_name_candidates(
    bearers: dict[tuple[str, str], set[int]],
    members: dict[int, list[Profile]],
    sources: dict[int, frozenset[str]],
    groups: _Groups,
    frequencies: NameFrequencies,
) -> dict[frozenset[int], tuple[Match, float, int]]:
    """Pairs of groups that bear a name of 3 to :data:`MAX_BEARERS` bearers and that every way of sharing
    the name out among the fewest humans puts together (:mod:`netvalue.identity.shared_names`): ``pair ->
    (match, coincidence of the name, fewest humans)``.  Two groups conflict when they share a source that
    lists a human once, cannot be joined (two LinkedIn profiles, the user's decision), or their whole
    groups contradict each other (:data:`_CONTRADICTIONS`).  A common name is left out (issue 3)."""
    found: dict[frozenset[int], tuple[Match, float, int]] = {}
    for key, roots in bearers.items():
        if not 3 <= len(roots) <= MAX_BEARERS or is_common_name(*key):
            continue
        pieces = sorted(roots)
        wholes = [combined(members[root]) for root in pieces]

        def conflict(i: int, j: int, pieces: list[int] = pieces, wholes: list[Profile] = wholes) -> bool:
            x, y = pieces[i], pieces[j]
            if (sources[x] & sources[y]) - ALIAS_SOURCES or not groups.can_join(x, y):
                return True
            check = score_pair(wholes[i], wholes[j])
            return check is None or bool(_CONTRADICTIONS.intersection(check.reasons))

        for join in forced_joins(len(pieces), conflict):
            ra, rb = pieces[join.a], pieces[join.b]
            reason = (
                f"same name: {key[1]} {key[0]}, borne by {len(pieces)} people, {join.humans} humans at least"
            )
            match = Match(ra, rb, 0.0, (reason,))
            found[frozenset((ra, rb))] = (match, frequencies.coincidence(*key), join.humans)
    return found


def _lone_coincidence(a: Profile, b: Profile, frequencies: NameFrequencies, initials: Counter[str]) -> float:
    """The expected namesakes behind a lone pair (:meth:`NameFrequencies.coincidence`): of the shared
    full name; for an initial (or an address spelling one), of any name with that initial and family
    name (``initials``: people per first letter of the given name); for a looser agreement (a typo, a
    short form), twice that of the commoner of the two names -- a margin of ours for the names one letter
    away."""
    level, _, _ = _best_name(a, b)
    if a.name_key is not None and a.name_key == b.name_key:
        return frequencies.coincidence(*a.name_key)
    full = [p for p in (a, b) if p.name_key is not None]
    if not full:
        return 1.0
    if level in ("initial", "none") and spells_full_name(a, b):
        return 2.0 * max(frequencies.coincidence(*p.name_key) for p in full if p.name_key is not None)
    if level in ("initial", "none"):
        family, given = full[0].name_key or ("", "")
        share = max(initials[given[:1]], 1) / max(frequencies.given[given], 1)
        return frequencies.coincidence(family, given) * share
    return 2.0 * max(frequencies.coincidence(*p.name_key) for p in full if p.name_key is not None)


def _sources_allow(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two groups may be one human on a name alone only when they come from different sources: they share
    none but address-keyed ones (:data:`ALIAS_SOURCES`) and between them span at least two sources."""
    return not ((a & b) - ALIAS_SOURCES) and len(a | b) >= 2


def _apart(groups: _Groups, ra: int, rb: int) -> bool:
    return any(groups.find(p) == rb for p in groups.apart.get(ra, ())) or any(
        groups.find(p) == ra for p in groups.apart.get(rb, ())
    )
