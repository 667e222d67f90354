"""A team's pooled view: who among us knows someone at Acme, and how well (issue 18, the team half).

Each member writes a *share file* from their own database (:mod:`netvalue.team.share`): per contact,
identity keys as salted hashes with the team's salt, tier, strength and the month of the last two-way
contact, and only the clear fields the member chose.  A *team folder* (:mod:`netvalue.team.folder`)
holds the salt and one share per member.  The pooled contacts are resolved to one contact per human
(:mod:`netvalue.team.resolve`: exact keys, then probabilistic matching on what was shared), and
:mod:`netvalue.team.paths` answers who can reach whom.

Nothing here writes to a member's database; the team folder holds files only.
"""
