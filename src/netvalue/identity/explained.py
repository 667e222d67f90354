"""``netvalue explain identity``: how records become one person, with the figures the code uses."""

from __future__ import annotations

from netvalue.explain import Topic, register_topic
from netvalue.identity.blocking import MAX_BLOCK
from netvalue.identity.corroboration import MIN_EMPLOYER_SAMPLE
from netvalue.identity.frequency import COINCIDENCE_LIMIT
from netvalue.identity.namesakes import MIN_SAMPLE, TOLERATED_FALSE_MERGES
from netvalue.identity.scoring import _BASE, _OTHER_COMPANY, _SAME_ORG, _TWO_PROFILES, AUTO_MERGE, REVIEW
from netvalue.identity.shared_names import MAX_BEARERS

_FELLEGI = "Fellegi & Sunter (1969), A theory for record linkage, JASA 64(328):1183–1210 [reported]"
_WINKLER = (
    "Winkler (1988/1989), frequency-based matching weights in Fellegi–Sunter record linkage, "
    "US Census Bureau [reported]"
)
_ELIAS = (
    "Elias & Gygi (2007), Target-decoy search strategy for increased confidence in large-scale protein "
    "identifications by mass spectrometry, Nature Methods 4(3):207–214 [reported]"
)
_CHRISTEN = "Christen (2012), Data Matching, Springer, ch. 4: blocking [reported]"
_GARBE = "Garbe (2012), SymSpell: symmetric delete spelling correction [reported]"

register_topic(
    Topic(
        "identity",
        "One person per human: merging records across sources",
        "1. Exact keys merge while an import is written: an e-mail address (case-folded), a LinkedIn profile URL "
        "(normalised), a phone number in E.164.\n"
        "2. Then pairs of people are compared, but only pairs that share a blocking key built from the name "
        f"(nicknames, one-letter typos, initials, an address's local part; keys held by more than {MAX_BLOCK} "
        "people are skipped) [Christen; Garbe]. A pair's confidence starts from how its names agree: exact "
        f"{_BASE['exact']}, nickname {_BASE['nickname']}, one-letter typo {_BASE['typo']}, initial "
        f"{_BASE['initial']}; the same employer or an e-mail domain that is the other's employer adds {_SAME_ORG}, "
        f"two employers that disagree take away {abs(_OTHER_COMPANY)}, and a shared phone is decisive [ours, "
        f"in the Fellegi–Sunter form of summed agreement weights]. At {AUTO_MERGE} or above the pair merges; "
        f"from {REVIEW} it waits in `netvalue review`. Two different LinkedIn profiles never merge on their own "
        f"(held at {_TWO_PROFILES}, for review: perhaps one human's two accounts).\n"
        "3. A pair linked by a name alone merges only when the name is rare: by name frequencies, the expected "
        f"number of namesakes in the database below {COINCIDENCE_LIMIT} [Winkler], or, for a name nobody else "
        "bears, when it is likelier one human than two namesakes. How common namesakes are among your contacts "
        "is counted from decoys: two people of one name within one LinkedIn export or address book are two "
        f"humans for certain [Elias & Gygi]. Such merges are taken likeliest first while the expected wrong "
        f"links stay within {TOLERATED_FALSE_MERGES:.0%} of all links resolution made (the upper threshold of "
        f"Fellegi & Sunter set by the tolerated error rate); with fewer than {MIN_SAMPLE} lone names there is "
        "no estimate and no such merge. A common name (both parts among the commonest) never merges alone.\n"
        f"4. A name borne by 3 to {MAX_BEARERS} people merges the pieces that every way of sharing it out "
        "among the fewest humans puts together, priced the same way. An exact name at two listed employers "
        "may be one human after a job change, priced at the share of job changes the database shows "
        f"(needs {MIN_EMPLOYER_SAMPLE} people seen in LinkedIn and an address book).\n"
        "5. When every person is a LinkedIn profile, nothing can merge; only pairs bearing one name at one "
        "employer are queued, as possible duplicate accounts.\n"
        "6. Within one mailbox, one human's several addresses at one domain (a..shankman@ and "
        "jeffrey.shankman@) merge when both people are known from e-mail alone, bear the same full name with "
        "the same middle initial (or neither has one and the name is not common, by the frequencies of 3), "
        "the same generational suffix, and every address at that domain spells that name and nothing else, "
        "without digits [ours; checked on labelled Enron pairs, benchmarks/data/enron_identity.tsv].\n"
        "Your merge, split and reject decisions are stored apart and win over all of this on every re-run; "
        "`netvalue person --json` shows why records were merged.",
        (_FELLEGI, _WINKLER, _ELIAS, _CHRISTEN, _GARBE),
    )
)
