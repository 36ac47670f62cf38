"""A text in every report language: the one ``Localized`` of rulesets, findings and reports."""

from pydantic import BaseModel, ConfigDict


class Localized(BaseModel):
    """A text in every report language (Vietnamese first)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    vi: str
    en: str

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.vi
