"""Find, load and validate rulesets; choose the one a plan implements."""

import hashlib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..core.errors import InputError, Problem, RulesetError
from ..core.resources import data_dir
from ..core.text import fold, fold_number
from ..inputs.gate import MAX_BYTES, check_path
from ..inputs.plan_loader import LoadedPlan
from ..inputs.yaml_source import Located, load_yaml
from .ruleset_cache import cached
from .ruleset_model import DecisionFile, IndicatorFile, RuleFile, Ruleset

#: rules applied to every plan, whatever decision it implements (merged into each ruleset)
COMMON = "common"


def rulesets_root() -> Path:
    return data_dir("rulesets")


def available_rulesets(root: Path | None = None) -> list[str]:
    root = root or rulesets_root()
    return sorted(p.name for p in root.iterdir() if (p / "decision.yaml").is_file())


def _validated(model: type[BaseModel], source: Located):
    from ..inputs.plan_loader import error_message
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            rule_id = _rule_id_at(source, loc)
            problems.append(source.problem(loc, "ruleset.invalid", rule=rule_id,
                                           field=".".join(str(p) for p in loc), detail=error_message(error, model)))
        raise RulesetError(problems) from None


def _rule_id_at(source: Located, loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        try:
            return str(source.data["rules"][loc[1]].get("id", "?"))
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    return "-"


def _load(model, path: Path):
    try:
        source = load_yaml(path, allow_aliases=True)
    except InputError as exc:
        raise RulesetError(exc.problems) from None
    return _validated(model, source), source


@cache
def _decision(folder: str) -> DecisionFile:
    path = Path(folder) / "decision.yaml"
    return cached(f"decision-{path.parent.name}", [path], lambda: _load(DecisionFile, path)[0])


#: a ruleset folder: at most this many entries are looked at, this many rules files taken
MAX_FOLDER_ENTRIES = 1_000
MAX_RULE_FILES = 100


def _listed(path: Path) -> list[str]:
    """The names in a ruleset folder, looked at once and never below it; a folder of more than
    MAX_FOLDER_ENTRIES entries (``-r /``, a home folder) is refused before its files are read."""
    import os
    names = []
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                names.append(entry.name)
                if len(names) > MAX_FOLDER_ENTRIES:
                    raise InputError([Problem(str(path), None, None, "ruleset.folder_too_big",
                                              {"limit": MAX_FOLDER_ENTRIES})])
    except OSError as exc:
        from ..core.errors import os_problem
        raise InputError([os_problem(exc, str(path))]) from None
    return names


def _ruleset_files(path: Path) -> list[Path]:
    """The files of the ruleset in ``path``: decision.yaml, indicators.yaml, its rules-*.yaml and the
    common rules. Only the folder itself is looked at (nothing below it is walked); each file is read
    later through the input gate (a regular file, its size), as a plan file is."""
    common = rulesets_root() / COMMON
    shared = sorted(common.glob("rules-*.yaml")) if common.resolve() != path.resolve() else []
    own = sorted(name for name in _listed(path) if name.startswith("rules-") and name.endswith(".yaml"))
    if len(own) > MAX_RULE_FILES:
        raise InputError([Problem(str(path), None, None, "ruleset.too_many_files",
                                  {"count": len(own), "limit": MAX_RULE_FILES})])
    return [path / "decision.yaml", path / "indicators.yaml", *(path / name for name in own), *shared]


def ruleset_files(name_or_path: str | Path) -> list[Path]:
    """The files a run with this ruleset reads (no output may replace one of them)."""
    return _ruleset_files(Path(_folder_of(name_or_path)))


def _digest(files: list[Path]) -> str:
    from ..inputs.gate import read_bytes
    digest = hashlib.sha256()
    for path in files:
        digest.update(read_bytes(path, str(path)))
    return digest.hexdigest()[:12]


def fingerprint(name: str) -> str:
    """A short digest of a ruleset's files (a bundled one by name, any other by its folder): two runs
    with the same one applied the same rules."""
    return _digest(ruleset_files(name))


_from_files: dict[int, Ruleset] = {}  # the rulesets read from their folders, by identity (not a copy changed since)


def files_key(rs: Ruleset) -> str | None:
    """What names ``rs`` as it was read from its files (its id, folder and their digest), for a value
    built from it and kept between runs; None for a ruleset built or changed in memory."""
    return f"{rs.id}|{rs.folder}|{rs.fingerprint}" if _from_files.get(id(rs)) is rs else None


@cache
def _load_folder(folder: str) -> Ruleset:
    path = Path(folder)
    files = _ruleset_files(path)
    for file in files:  # the gate's checks (a regular file, its size) before the cache reads any
        status = check_path(file, str(file))
        if status.st_size > MAX_BYTES:
            raise RulesetError([Problem(str(file), None, None, "input.too_large",
                                        {"size": status.st_size, "limit": MAX_BYTES})])
    rs = cached(f"ruleset-{path.name}", files, lambda: _validate_folder(path))
    bundled = path.parent.resolve() == rulesets_root().resolve()
    loaded = rs.model_copy(update={"fingerprint": _digest(files), "bundled": bundled})
    _from_files[id(loaded)] = loaded
    return loaded


def _validate_folder(path: Path) -> Ruleset:
    folder = str(path)
    decision = _decision(folder)
    indicators_file, _ = _load(IndicatorFile, path / "indicators.yaml")
    indicators = {i.id: i for i in indicators_file.indicators}
    rules = []
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for rule_path in _ruleset_files(path)[2:]:
        rule_file, source = _load(RuleFile, rule_path)
        for index, rule in enumerate(rule_file.rules):
            line, column = source.where(("rules", index, "id"))
            if rule.id in seen:
                problems.append(Problem(str(rule_path), line, column, "ruleset.duplicate_id",
                                        {"rule": rule.id, "other": seen[rule.id]}))
            seen[rule.id] = str(rule_path)
            indicator = getattr(rule, "indicator", None)
            if indicator and indicator not in indicators:
                problems.append(Problem(str(rule_path), line, column, "ruleset.unknown_indicator",
                                        {"rule": rule.id, "indicator": indicator}))
            elif indicator and hasattr(rule, "unit") and indicators[indicator].unit != rule.unit:
                problems.append(Problem(str(rule_path), line, column, "ruleset.unit_mismatch",
                                        {"rule": rule.id, "unit": rule.unit, "indicator_unit": indicators[indicator].unit}))
            rules.append(rule)
    if not rules:
        problems.append(Problem(str(path), None, None, "ruleset.no_rules", {}))
    if problems:
        raise RulesetError(problems)
    return Ruleset(id=decision.id, folder=str(path), decision_file=decision, indicators=indicators, rules=rules)


def _folder_of(name_or_path: str | Path) -> str:
    """The ruleset folder ``name_or_path`` is, or the folder of the bundled ruleset it names: a
    folder is checked as a ruleset (it holds decision.yaml) before anything in it is read."""
    import os
    text = str(name_or_path)
    candidate = Path(name_or_path)
    try:
        is_folder = candidate.is_dir()
        has_decision = is_folder and os.path.lexists(candidate / "decision.yaml")
    except OSError:  # a name too long, a loop of links
        is_folder = has_decision = False
    if has_decision:
        return str(candidate.resolve())
    if text in available_rulesets():
        return str((rulesets_root() / text).resolve())
    available = ", ".join(available_rulesets())
    if is_folder:
        raise InputError([Problem(text, None, None, "ruleset.not_a_ruleset", {"available": available})])
    if os.sep in text or "/" in text:
        try:
            exists = os.path.lexists(candidate)
        except OSError:
            exists = False
        if exists:
            check_path(candidate, text)  # a FIFO, a dangling link, a loop: the gate says which
    raise InputError([Problem(text, None, None, "ruleset.unknown", {"name": text, "available": available})])


def load_ruleset(name_or_path: str | Path) -> Ruleset:
    """Load a bundled ruleset by name (``qd112_2021``) or any ruleset folder by path."""
    return _load_folder(_folder_of(name_or_path))


@cache
def _bundled_folder(name: str) -> str:
    return str((rulesets_root() / name).resolve())


@cache
def _detections() -> tuple[tuple[str, DecisionFile], ...]:
    """The decision of each bundled ruleset (the whole ruleset only once chosen); the bundled
    rulesets do not change while the process runs."""
    return tuple((name, _decision(_bundled_folder(name))) for name in available_rulesets())


def by_citation(numbers: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Rulesets whose decision is cited (direct) and those whose implementing document is cited
    (indirect), each with the number as written."""
    direct: dict[str, str] = {}
    indirect: dict[str, str] = {}
    for name, decision in _detections():
        for shown in numbers:
            folded = fold_number(shown)
            if any(fold_number(c.number) == folded for c in decision.detect.decisions):
                direct.setdefault(name, shown)
            elif any(fold_number(c.number) == folded for c in decision.detect.implementing):
                indirect.setdefault(name, shown)
    return direct, indirect


def by_programme_name(text: str, start: int | None, end: int | None) -> dict[str, str]:
    """Rulesets whose programme ``text`` names (``programme_names``), with a period that meets
    start-end when one is known, and the name as found."""
    folded = fold(text)
    found: dict[str, str] = {}
    for name, decision in _detections():
        overlaps = start is None or end is None or (start <= decision.programme_end and end >= decision.programme_start)
        for programme in decision.detect.programme_names:
            if overlaps and fold(programme) in folded:
                found.setdefault(name, f"“{programme}”")
    return found


def programme_period(name: str) -> tuple[int, int]:
    """The first and last year of the programme of a bundled ruleset."""
    decision = _decision(_bundled_folder(name))
    return decision.programme_start, decision.programme_end


def by_period(start: int, end: int) -> list[str]:
    """Rulesets whose programme period holds start-end."""
    return [name for name, d in _detections() if d.programme_start <= start and end <= d.programme_end]


def select_ruleset(loaded: LoadedPlan) -> tuple[Ruleset, str]:
    """The ruleset whose decision the plan cites, and the citation that decided it.

    A plan citing the decision itself wins over one citing only an implementing
    document (a ministry's overall plan or guidance letter); a plan citing neither is matched by
    the programme its title names (``programme_names``), within the programme's period. Of several
    decisions cited, the one whose programme holds the plan's period is chosen.
    """
    direct, indirect = by_citation([b.number for b in loaded.plan.legal_bases])
    plan = loaded.plan
    chosen = direct or indirect or by_programme_name(plan.identification.title, plan.period.start, plan.period.end)
    if len(chosen) > 1:
        # a plan citing several decisions (QĐ 112 beside the QĐ 32 it follows) is checked against the one
        # whose programme holds its period; CTXH-L02 then says the other one's period has ended
        holding = {name: cited for name, cited in chosen.items()
                   if name in by_period(plan.period.start, plan.period.end)}
        chosen = holding or chosen
    if len(chosen) == 1:
        name, cited = next(iter(chosen.items()))
        return _load_folder(_bundled_folder(name)), cited
    if not chosen:
        raise InputError([loaded.problem(("legal_bases",), "ruleset.not_detected",
                                         available=", ".join(available_rulesets()))])
    raise InputError([loaded.problem(("legal_bases",), "ruleset.ambiguous",
                                     candidates=", ".join(f"{k} ({v})" for k, v in sorted(chosen.items())))])
