"""stale_body: the plan gives a task to a body that no longer exists after a reorganisation.

Names are compared as ``text.fold_name`` writes them (no invisible characters; "&", " và ", ",",
dashes and spacing alike; one tone placement), and the patterns are written in that form. Each name
is matched against the patterns of every ``stale_body`` rule of the ruleset once, when its fact is
built (``facts_for``: the pattern anywhere in the name, as the engine's ``matches`` reads it); the
fact carries the ids of the rules that name it as gone, and the engine judges those by date and role
(the engine's own regular expressions hold only a limited number of long alternations).

Judged at the plan's date (or ``--as-of``):

- before ``effective``: not applicable;
- after it, each body in one of the listed roles whose name matches a pattern gives the rule's
  verdict (a warning by default), naming the successor;
- no such body in an incomplete source (an extract, an article, a text cut short): needs review,
  since the part that assigns the work (phân công / tổ chức thực hiện) could not be read;
- no such body in a complete plan that names no body in the rule's roles: needs review (nothing
  to check);
- pass only for a complete plan naming at least one body in the rule's roles, none of them stale.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from ...core.i18n import translate
from ...core.regex import compile_once
from ...core.text import fold_name
from ...model.findings import Verdict
from ...model.localized import Localized
from ..facts import Fact, day, display_only
from .base import RuleBase, name_pattern

KIND = "stale_body"
Role = Literal["issuer", "lead", "partner", "assignment", "duty", "report_by", "report_to"]


class Rule(RuleBase):
    """A body that no longer exists after a reorganisation, named in a plan dated (or checked) after it."""

    kind: Literal["stale_body"]
    effective: dt.date
    patterns: list[str] = Field(min_length=1, description=(
        "Biểu thức chính quy trên tên đã chuẩn hóa (text.fold_name: chữ thường, NFC, không ký tự ẩn; "
        "“&”, “ và ”, “,”, gạch nối thành một dấu cách; dấu thanh kiểu “hòa”, “ủy”)"))
    roles: list[Role] = Field(min_length=1)
    successor: Localized
    verdict: Literal["warning", "needs_review", "fail"] = "warning"

    @field_validator("patterns")
    @classmethod
    def _engine_can_match(cls, patterns: list[str]) -> list[str]:
        return [name_pattern(pattern) for pattern in patterns]


@dataclass
class BodyFact(Fact):
    """A body the plan names, in one role."""

    TYPE: ClassVar[str] = "body"
    role: str
    name: str             # text.fold_name, for matching
    gone: str             # " CTXH-I01 CTXH-I03 ": the stale_body rules whose patterns match the name
    shown: str = display_only()
    loc: str = display_only()
    # every other place the plan names the same body in the same role (one fact for all: the engine
    # judges a name once, the report shows each place)
    also: tuple["BodyFact", ...] = display_only(())

    def evidence_text(self, lang: str) -> str:
        return self.shown

    def pieces(self) -> tuple[Fact, ...]:
        return (self, *self.also)

    def params(self, lang: str) -> dict:
        return {"role": translate(f"role.{self.role}", lang)}


@dataclass
class RolesFact(Fact):
    """The roles in which the plan names at least one body (one fact; none when it names no body)."""

    TYPE: ClassVar[str] = "roles"
    roles: str            # " lead partner report_to ": each role once, between spaces


def named_bodies(loaded) -> list[tuple[str, str, tuple]]:
    """(role, name as written, path in the plan) of every body the plan names."""
    plan = loaded.plan
    named: list[tuple[str, str, tuple]] = []
    if plan.identification.issuer:
        named.append(("issuer", plan.identification.issuer, ("identification", "issuer")))
    for i, group in enumerate(plan.task_groups):
        named += [("lead", name, ("task_groups", i, "lead", j)) for j, name in enumerate(group.lead)]
        named += [("partner", name, ("task_groups", i, "partners", j)) for j, name in enumerate(group.partners)]
    named += [("assignment", a.body, ("organisation", i, "body")) for i, a in enumerate(plan.organisation)]
    # a body named only inside a duty ("phối hợp với Sở LĐTBXH …") or a reporting sentence: the whole text
    named += [("duty", duty, ("organisation", i, "duties", j))
              for i, a in enumerate(plan.organisation) for j, duty in enumerate(a.duties)]
    if plan.monitoring:
        named += [("duty", report.text, ("monitoring", "reporting", i, "text"))
                  for i, report in enumerate(plan.monitoring.reporting)]
        for i, report in enumerate(plan.monitoring.reporting):
            named += [("report_by", name, ("monitoring", "reporting", i, "by", j)) for j, name in enumerate(report.by)]
            named += [("report_to", name, ("monitoring", "reporting", i, "to", j)) for j, name in enumerate(report.to)]
    return named


def gone_in(rs) -> Callable[[str], str]:
    """For a name (``fold_name``), the ids of the ``stale_body`` rules of ``rs`` whose patterns match it,
    as the engine's ``matches(".*(pattern).*")`` reads a pattern."""
    stale = [(r.id, [compile_once(f".*({p}).*", re.DOTALL) for p in r.patterns])
             for r in rs.rules if r.kind == KIND]

    def gone(name: str) -> str:
        return " " + " ".join(rule_id for rule_id, patterns in stale if any(p.fullmatch(name) for p in patterns)) + " "
    return gone


def facts_for(rs) -> tuple:
    gone = gone_in(rs)

    def bodies(loaded) -> list[Fact]:
        """Every body the plan names in each role, once, with every place where it is written."""
        facts: dict[tuple[str, str], BodyFact] = {}
        for role, written, path in named_bodies(loaded):
            name = fold_name(written)
            fact = BodyFact(role=role, name=name, gone=gone(name), shown=written, loc=loaded.location(*path))
            first = facts.setdefault((role, fact.name), fact)
            if first is not fact:
                first.also += (fact,)
        return list(facts.values())
    return (bodies, roles)


def roles(loaded) -> list[Fact]:
    """The roles the plan names bodies in (nothing when it names none)."""
    present = sorted({role for role, _name, _path in named_bodies(loaded)})
    return [RolesFact(roles=f" {' '.join(present)} ")] if present else []


FACTS = ()


def compile(rule: Rule, b) -> None:
    m, c, none = b.m, b.c, b.none
    effective = day(rule.effective)
    verdict = Verdict(rule.verdict)

    def after():
        return (m.type == "plan") & (m.as_of >= effective)

    def in_roles():
        return (m.type == "body") & b.any_of("role", list(rule.roles))

    stale = [lambda: in_roles() & m.gone.matches(f".*( {rule.id} ).*")]
    named = "|".join(f" {role} " for role in dict.fromkeys(rule.roles))

    b.when(rule, "stale.before", Verdict.NOT_APPLICABLE, c.p << ((m.type == "plan") & (m.as_of < effective)))
    for match in stale:
        b.with_plan(rule, match(), after, "stale.found", verdict)
    b.when(rule, "stale.none", Verdict.PASS, c.p << (after() & (m.complete == True)),  # noqa: E712
           c.r << ((m.type == "roles") & m.roles.matches(f".*({named}).*")), *[none(match()) for match in stale])
    b.when(rule, "stale.none_incomplete", Verdict.NEEDS_REVIEW, c.p << (after() & (m.complete == False)),  # noqa: E712
           *[none(match()) for match in stale])
    b.when(rule, "stale.no_bodies", Verdict.NEEDS_REVIEW, c.p << (after() & (m.complete == True)),  # noqa: E712
           none(in_roles()))


def params(rule: Rule, rs, lang: str) -> dict:
    return {"effective": rule.effective.strftime("%d/%m/%Y"), "successor": getattr(rule.successor, lang),
            "roles": ", ".join(translate(f"role.{role}", lang) for role in dict.fromkeys(rule.roles))}
