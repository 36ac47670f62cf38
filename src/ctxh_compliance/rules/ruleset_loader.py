"""Find, load and validate rulesets; choose the one a plan implements."""

import hashlib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..core.errors import InputError, Problem, RulesetError
from ..core.resources import data_dir
from ..core.text import fold, fold_number
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


def _ruleset_files(path: Path) -> list[Path]:
    common = rulesets_root() / COMMON
    shared = sorted(common.glob("rules-*.yaml")) if common.resolve() != path.resolve() else []
    return [path / "decision.yaml", path / "indicators.yaml", *sorted(path.glob("rules-*.yaml")), *shared]


def fingerprint(name: str) -> str:
    """A short digest of a bundled ruleset's files: two runs with the same one applied the same rules."""
    digest = hashlib.sha256()
    for path in _ruleset_files(rulesets_root() / name):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def _load_folder(folder: str) -> Ruleset:
    path = Path(folder)
    return cached(f"ruleset-{path.name}", _ruleset_files(path), lambda: _validate_folder(path))


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


def load_ruleset(name_or_path: str | Path) -> Ruleset:
    """Load a bundled ruleset by name (``qd112_2021``) or any ruleset folder by path."""
    candidate = Path(name_or_path)
    if not (candidate / "decision.yaml").is_file():
        candidate = rulesets_root() / str(name_or_path)
    if not (candidate / "decision.yaml").is_file():
        raise InputError([Problem(str(name_or_path), None, None, "ruleset.unknown",
                                  {"name": name_or_path, "available": ", ".join(available_rulesets())})])
    return _load_folder(str(candidate.resolve()))


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
