"""Escaping of values from a plan (or a file name) for each kind of output, so that plan text is
always shown as text: it can never add markup to Markdown, run a formula in a spreadsheet, move the
cursor or forge a line on a terminal, or become a link with a scheme in HTML.

HTML text is escaped by Jinja's autoescape (after ``visible``); these are the other contexts. Each
is a Jinja filter (``md``, ``term``, ``href``, ``css_string``) and the one of its output is applied to
every ``{{ … }}`` of the Markdown, terminal and HTML templates (the environment's ``finalize``).
"""

import re
from urllib.parse import quote

from ..core.regex import compile_once

#: line breaks of any kind: a value from a plan is one line in a report
_BREAKS = compile_once(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
#: what a terminal would act on: C0 and C1 controls, DEL, bidirectional overrides and isolates
_CONTROLS = compile_once(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: the same, but line breaks and tabs, which HTML shows as spaces
_PAGE_CONTROLS = compile_once(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = compile_once(r"([\\`*_\[\]<>#|~&])")
#: what GitHub's Markdown turns into a link without any markup (``https://…``, ``www.…``)
_MD_AUTOLINK = compile_once(r"(?<=[A-Za-z]):(?=//)|\bwww\.", re.IGNORECASE)
_MD_LINE_START = compile_once(r"^(\s*)([-+=]|\d+[.)])")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """The value on one line: any line break becomes a space."""
    return _BREAKS.sub(" ", str(text))


def term(text: object) -> str:
    """For a terminal: one line, and every control character (escape sequences, bidi overrides,
    tabs) shown as a visible escape such as ``\\x1b`` instead of being acted on."""
    return _CONTROLS.sub(_visible, one_line(text))


def visible(text: object) -> str:
    """For HTML (then autoescaped): control characters and bidirectional overrides shown as escapes,
    so that no value can hide text or reverse the words after it on the page; line breaks stay."""
    return _PAGE_CONTROLS.sub(_visible, str(text))


def md(text: object) -> str:
    """For Markdown, in running text or a table cell: one line, every character that could start
    markup escaped with a backslash (emphasis, code, links, HTML, headings, tables, bare web
    addresses), and a leading list or heading marker (``-``, ``+``, ``1.``) made plain."""
    escaped = _MD_SPECIAL.sub(r"\\\1", term(text))
    escaped = _MD_AUTOLINK.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], escaped)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


def csv_cell(value: object) -> str:
    """For a spreadsheet cell: a value a spreadsheet would read as a formula (starting with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def href(name: str) -> str:
    """A link to a report file the run wrote beside the page: always relative (``./…``), every
    character but letters, digits and ``-._~`` percent-encoded, so that no name (``javascript:x``,
    ``//host``, ``?``, ``#``) can become a scheme, a host, a query or a fragment."""
    return "./" + quote(str(name), safe="")


def css_string(text: object) -> str:
    """A quoted CSS string (the running header and footer of a printed report): every character
    but letters, digits, spaces and plain punctuation written as a CSS escape, so that no value can
    end the string or the style sheet."""
    out = []
    for char in one_line(text):
        # an escape ends at the space after it (the space is part of the escape, never shown)
        out.append(char if char.isalnum() and char.isascii() or char in " .,:;()/-_·" else f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'
