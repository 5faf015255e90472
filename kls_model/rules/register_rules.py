"""Rules about the document register: link syntax, review dates, unused documents."""

from __future__ import annotations

from .. import graph as g
from ..diagnostics import finding
from ..system import QualitySystem
from ..urls import url_problem
from .registry import rule

__all__: list[str] = []  # importing the module registers its rules


@rule("KLS013")
def malformed_url(system: QualitySystem):
    for doc in system.register.documents.values():
        reason = url_problem(doc.url)
        if reason:
            yield finding("KLS013", doc.path, doc.line, doc.id, target=doc.url, doc=doc.id,
                          url=doc.url,
                          reason=reason)


@rule("KLS015")
def document_past_review(system: QualitySystem):
    for doc in system.register.documents.values():
        if doc.review_date is not None and doc.review_date < system.today:
            yield finding("KLS015", doc.path, doc.line, doc.id, doc=doc.id,
                          date=doc.review_date.isoformat())


@rule("KLS033")
def unused_document(system: QualitySystem):
    G = system.graph
    for doc in system.register.documents.values():
        if not g.where_used(G, g.doc_node(doc.id)):
            yield finding("KLS033", doc.path, doc.line, doc.id, doc=doc.id)
