"""What a site build needs to know besides the model: audience, mailbox, URLs, git history.

The user's settings live in ``mkdocs.yml`` under ``extra.kls`` so there is one config file;
``kls build`` fills in the rest (audience from --public/--internal, history from git).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field


class Change(BaseModel):
    """One commit that touched the models, as the "Senaste ändringar" page shows it."""

    commit: str  # abbreviated hash
    date: dt.date
    sha: str = ""  # full hash: the Atom entry's id
    time: str = ""  # author time, ISO 8601 with offset (the Atom entry's "updated")
    subject: str
    files: list[str] = Field(default_factory=list)  # paths relative to the models directory
    processes: list[str] = Field(default_factory=list)  # process ids defined in those files


class SiteSettings(BaseModel):
    audience: Literal["public", "internal"] = "internal"
    site_name: str = "Kvalitetsledningssystem"
    organisation: str = ""
    feedback_email: str = ""  # the functional mailbox (funktionsbrevlåda)
    site_url: str | None = None  # absolute base URL, used in feedback mails and the sitemap
    models_dir: str = "models"
    changes: list[Change] = Field(default_factory=list)  # newest first
    last_changed: dict[str, dt.date] = Field(default_factory=dict)  # process id -> date

    @property
    def public(self) -> bool:
        return self.audience == "public"


def from_config(config, audience: str) -> SiteSettings:
    """Settings from a loaded MkDocs config: site name and URL, and ``extra.kls``."""
    kls = dict((config.get("extra") or {}).get("kls") or {})
    return SiteSettings(
        audience=audience,
        site_name=config["site_name"],
        site_url=config.get("site_url") or None,
        organisation=kls.get("organisation", ""),
        feedback_email=kls.get("feedback_email", ""),
        models_dir=kls.get("models", "models"),
    )
