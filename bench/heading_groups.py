"""How the reader names the national task group of a task heading, on its own (a script, not a test).

Every task heading of a half of the wording bank (tests/corpus/plangen/bank/<half>/task_heading.yaml) is
read as the reader reads a heading of a plan's tasks part, and compared with the group it was written for:

- right: the heading names its group and no other;
- also another: its group and another one (a heading of two groups: its lead is given to both);
- another: one or more other groups and not its own (the heading's lead and partners go to a wrong group);
- none: no group (the heading's group is missed).

The held-out half, "chưa dùng để chỉnh", is printed first and only as counts by group id: nobody who changes
the reader reads its wording. The tune half may print each miss (``--show``).

    python bench/heading_groups.py [--half heldout|tune|both] [--show]
"""

import sys
from collections import Counter

from bank_parts import LABELS, run  # noqa: E402  (the package's and the bank's import paths)

from ctxh_compliance.extract.tasks import groups_of  # noqa: E402
from plangen.bank import Bank  # noqa: E402

# the data words name QĐ 32's survey_database and QĐ 112's cooperation_data alike: a document's ruleset keeps one
TWINS = {"survey_database": "cooperation_data", "cooperation_data": "survey_database"}


def outcome(key: str, named: list[str]) -> str:
    named = set(named) - ({TWINS[key]} if key in TWINS else set())
    if named == {key}:
        return "right"
    if key in named:
        return "also another"
    return "another" if named else "none"


def measure(half: str, show: bool) -> None:
    phrasings = Bank(half).choices("task_heading")
    tally: Counter = Counter()
    confusion: Counter = Counter()
    if show and half == "tune":
        print(f"  {'id':<18} {'written for':<16} {'read as':<13} {'other groups read':<30} heading")
    for phrasing in phrasings:
        named = groups_of(phrasing["text"])
        result = outcome(phrasing["key"], named)
        tally[result] += 1
        if result != "right":
            others = sorted(set(named) - {phrasing["key"], TWINS.get(phrasing["key"])}) or ["-"]
            confusion[(phrasing["key"], result, "+".join(others))] += 1
            if show and half == "tune":
                print(f"  {phrasing['id']:<18} {phrasing['key']:<16} {result:<13} {'+'.join(others):<30} {phrasing['text']}")
    n = len(phrasings)
    print(f"\n{LABELS[half]}: {n} task headings — right {tally['right']}/{n} = {tally['right'] / n:.2f}; "
          f"also another {tally['also another']}, another {tally['another']}, none {tally['none']}")
    for (key, result, others), count in sorted(confusion.items()):
        print(f"  {key:<16} {result:<13} {others:<30} ×{count}")


if __name__ == "__main__":
    sys.exit(run(__doc__, measure, sys.argv[1:]))
