"""The skeleton as a plan file (the format ``ctxh-check plan.yaml`` reads): what the skeleton fills, with
the blanks listed at the top. The source is marked incomplete: a blank is for review, never a pass."""

import yaml

from .model import Outline


class _Plain(yaml.SafeDumper):
    """Every value written out (a plan file has no anchors)."""

    def ignore_aliases(self, data) -> bool:
        return True


def render(outline: Outline) -> bytes:
    head = [f"# Dự thảo kế hoạch: {outline.plan['identification']['title']}",
            f"# Bộ quy tắc: {outline.ruleset}. Các quy tắc còn để trống cho tỉnh điền: "
            f"{', '.join(outline.blanks) or '(không có)'}.",
            "# Điền số liệu, kinh phí, số hiệu và ngày ban hành, rồi đặt source.complete: true."]
    body = yaml.dump(outline.plan, Dumper=_Plain, allow_unicode=True, sort_keys=False, width=120)
    return ("\n".join(head) + "\n" + body).encode("utf-8")
