"""The obligations the installed modules declare, read from their manifests (this module never
names one), with what the federation adds: its own thresholds and, for each obligation, whether
an enterprise that recorded nothing owes it (asked of the obligation itself)."""

from __future__ import annotations

from labour_democracy.compliance import rules
from labour_democracy.compliance.tables import Threshold
from labour_democracy.manifest import Manifest, Obligation, installed

_owed_cache: dict[tuple[int, str, int], bool] = {}


def declared() -> list[Obligation]:
    """Every obligation of every installed module, in the order the modules are installed."""
    return [obligation for module in installed() for obligation in module.obligations]


def by_key() -> dict[str, Obligation]:
    return {obligation.key: obligation for obligation in declared()}


def current_bands() -> tuple[int, ...]:
    return rules.bands(obligation.min_workforce for obligation in declared())


async def owed_by_default(year: int) -> dict[str, bool]:
    """For each obligation, whether an enterprise with no record at all is late for `year`:
    the obligation answers for an enterprise that does not exist (id 0), which has recorded
    nothing. "Held a conference this year" is owed; "requests answered on time" is not (nothing
    was due). An obligation that cannot answer is taken as not owed, so nobody is blamed for it."""
    modules: tuple[Manifest, ...] = installed()
    answer = {}
    for obligation in declared():
        key = (id(modules), obligation.key, year)
        if key not in _owed_cache:
            try:
                result = (await obligation.compute([0], year)).get(0)
                _owed_cache[key] = result is not None and result.met is False
            except Exception:
                _owed_cache[key] = False
        answer[obligation.key] = _owed_cache[key]
    return answer


async def thresholds(province_id: int | None) -> dict[str, int]:
    """The workforce each obligation is counted from in a province: the federation's setting,
    else the law's threshold the module declared (national figures use the law's)."""
    settings = {}
    if province_id is not None:
        settings = {
            row["obligation"]: row["min_workforce"]
            for row in await Threshold.select(Threshold.obligation, Threshold.min_workforce).where(
                Threshold.province == province_id
            )
        }
    return {
        obligation.key: rules.threshold(obligation.min_workforce, settings.get(obligation.key))
        for obligation in declared()
    }
