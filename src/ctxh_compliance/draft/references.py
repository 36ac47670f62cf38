"""What a draft takes from the ruleset besides the targets: the documents it cites (the decision and its
related instruments, decision.yaml) and the bodies of today (the successors the ``stale_body`` rules name)."""

import re
from dataclasses import dataclass

#: document kinds and who issues them, from the part of a number after the slash ("QĐ-TTg", "NĐ-CP")
_DOC_KINDS = {"QĐ": "Quyết định", "NĐ": "Nghị định", "TT": "Thông tư", "NQ": "Nghị quyết", "CT": "Chỉ thị",
              "KH": "Kế hoạch"}
_ISSUERS = {"TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "QH": "Quốc hội"}


@dataclass
class Bodies:
    lead: str = "Sở …"                      # the provincial department that leads social work
    ministry: str = "Bộ …"                  # the ministry reports go to
    local: str = "UBND cấp xã"              # the local level


def _first_successor(text: str) -> tuple[str, str | None]:
    """"Sở Y tế (bảo trợ xã hội, …); Sở Nội vụ (…)" -> ("Sở Y tế", "bảo trợ xã hội, …")."""
    first = re.split(r";|\s+hoặc\s+", text)[0].strip()
    match = re.match(r"^(.*?)\s*\((.*?)\)", first)
    return (match.group(1).strip(), match.group(2).strip()) if match else (first, None)


def bodies(rs) -> Bodies:
    """The bodies of today from the ruleset's ``stale_body`` rules: the successor of the provincial
    department (a rule that covers the issuer), of the ministry ("bộ …" patterns) and of the local level."""
    found = Bodies()
    for rule in (r for r in rs.rules if r.kind == "stale_body"):
        name, inside = _first_successor(rule.successor.vi)
        if "issuer" in rule.roles:
            found.lead = name
        elif rule.patterns[0].startswith("bộ "):
            found.ministry = name
        else:
            # "UBND cấp xã (xã, phường, đặc khu)" -> "UBND các xã, phường, đặc khu"
            found.local = re.sub(r"\bcấp \S+$", f"các {inside}", name) if inside else name
    return found


def _doc_kind(number: str) -> tuple[str, str | None]:
    tail = number.split("/")[-1]
    kind_code, _, issuer_code = tail.partition("-")
    return _DOC_KINDS.get(kind_code, "Văn bản"), _ISSUERS.get(issuer_code)


def _date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _subject(note: str | None) -> str | None:
    """The Vietnamese description at the start of a citation's note ("Quy hoạch … — the …")."""
    if not note:
        return None
    text = re.split(r"\s+—\s+|\s+\(|;", note)[0].strip()
    return text or None


def legal_bases(rs, start: int) -> list[dict]:
    """The decision itself, then its related instruments of grade A or B issued by the period's first year."""
    decision = rs.decision
    kind, _ = _doc_kind(decision.number)
    title = decision.title.vi
    if title.lower().startswith(kind.lower() + " "):
        title = title[len(kind) + 1:]
    out = [{"number": decision.number, "date": decision.date, "issuer": decision.issuer, "title": title,
            "text": f"Căn cứ {kind} số {decision.number} ngày {_date(decision.date)} của {decision.issuer} {title};"}]
    for related in rs.decision_file.detect.related:
        if related.grade not in ("A", "B") or related.date is None or related.date.year > start or not related.drafts:
            continue
        kind, issuer = _doc_kind(related.number)
        subject = _subject(related.note) or ""
        if subject.lower().startswith(kind.lower() + " "):
            subject = subject[len(kind) + 1:]
        about = subject if subject.startswith(("về ", "ban hành", "phê duyệt")) else f"về {subject}" if subject else ""
        by = f" của {issuer}" if issuer else ""
        out.append({"number": related.number, "date": related.date, "issuer": issuer, "title": about or None,
                    "text": f"Căn cứ {kind} số {related.number} ngày {_date(related.date)}{by} {about}".rstrip() + ";"})
    return out
