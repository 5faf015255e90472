"""What a site build needs to know besides the model: audience, mailbox, URLs, git history.

The user's settings live in ``mkdocs.yml`` under ``extra.kls`` so there is one config file;
``kls build`` fills in the rest (audience from --public/--internal, history from git).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from kls_model.diagnostics import Finding

from .config import read, validate_settings


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
    models: list[str] = Field(default_factory=lambda: ["models"])  # folders and files
    changes: list[Change] = Field(default_factory=list)  # newest first
    last_changed: dict[str, dt.date] = Field(default_factory=dict)  # process id -> date

    @property
    def public(self) -> bool:
        return self.audience == "public"


def site_settings(config, audience: str) -> tuple[SiteSettings, list[Finding]]:
    """Settings from a loaded MkDocs config (site name and URL) and its ``extra.kls``,
    validated; the problems found (KLS095, KLS096). Model paths in mkdocs.yml are relative
    to it, as MkDocs' docs_dir is; they are given on relative to the working folder, so
    findings and reports name files as the user sees them (``models/ifo.bpmn``)."""
    path = Path(config.config_file_path)
    raw, root = read(path)
    values, problems = validate_settings(raw, root, path)
    models = values["models"] if isinstance(values["models"], list) else [values["models"]]
    settings = SiteSettings(
        audience=audience, site_name=config["site_name"], site_url=config.get("site_url") or None,
        organisation=values["organisation"], feedback_email=values["feedback_email"],
        models=[m if os.path.isabs(m) else os.path.relpath(path.parent / m) for m in models])
    return settings, problems
