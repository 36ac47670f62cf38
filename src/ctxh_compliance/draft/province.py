"""The province a draft is for: one of the current provincial units, as the ruleset's ``old_province``
rule lists them. An old name is refused with the unit it became; an unknown one with the closest name."""

import difflib
from dataclasses import dataclass

from ..core.errors import InputError, Problem
from ..core.text import fold_place


@dataclass(frozen=True)
class Province:
    name: str        # "Lào Cai"
    unit: str        # "tỉnh" or "thành phố"

    @property
    def full(self) -> str:
        """"tỉnh Lào Cai", "thành phố Huế"."""
        return f"{self.unit} {self.name}"


def _split(written: str) -> Province:
    for unit in ("thành phố", "tỉnh"):
        if written.lower().startswith(unit + " "):
            return Province(written[len(unit) + 1:].strip(), unit)
    return Province(written.strip(), "tỉnh")


def resolve(rs, given: str) -> Province:
    """The current unit ``given`` names, from the ruleset's ``old_province`` rule (any name is taken as
    written when the ruleset has none)."""
    from ..rules.kinds.old_province import current_names, old_names
    rule = next((r for r in rs.rules if r.kind == "old_province"), None)
    if rule is None:
        return _split(given)
    folded = fold_place(given)
    aliases = {fold_place(w.written): fold_place(w.means) for w in rule.written}
    folded = aliases.get(folded, folded)
    current = current_names(rule)
    if folded in current:
        return _split(current[folded])
    old = old_names(rule)
    if folded in old:
        new, formed_from, _grade = old[folded]
        raise InputError([Problem("--province", None, None, "draft.old_province",
                                  {"name": given, "new": _split(new).name, "formed_from": formed_from})])
    shown = {fold_place(name): _split(name).name for name in current.values()}
    closest = difflib.get_close_matches(folded, list(shown), n=1, cutoff=0.0)
    raise InputError([Problem("--province", None, None, "draft.unknown_province",
                              {"name": given, "closest": shown[closest[0]] if closest else "-",
                               "count": len(shown)})])
