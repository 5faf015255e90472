"""The whole KLS as read: every file, the document register, typed profiles and the graph."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .bpmn import Definitions, Element
from .documents import Register
from .graph import KlsGraph
from .profile import Profile

__all__ = ["QualitySystem"]


@dataclass
class QualitySystem:
    files: list[Definitions]
    register: Register
    graph: KlsGraph  # read nodes with graph.node(G, key)
    profiles: dict[str, Profile]  # process and activity id -> typed KLS properties
    # Node key (graph.node_key: a process id, or process/id) -> file and element, for every
    # element of the processes a file owns; and processes defined again in another file.
    index: dict[str, tuple[Definitions, Element]]
    duplicates: list[tuple[Definitions, Element, Definitions]] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    paths: list[str] = field(default_factory=list)  # every BPMN file found, read or not
    _memo: dict = field(default_factory=dict, repr=False)

    def memo(self, key: str, compute):
        """Compute a derived view once per system (rules share them: the graph never
        changes after loading)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def element(self, element_id: str) -> Element | None:
        hit = self.index.get(element_id)
        return hit[1] if hit else None

    def file_of(self, element_id: str) -> Definitions | None:
        hit = self.index.get(element_id)
        return hit[0] if hit else None

    def node_at(self, path: str, element_id: str | None) -> str | None:
        """The graph key of the element ``element_id`` of the file ``path`` (a finding's
        place), or None when it is not a graph node."""
        lookup = self.memo("node_at", lambda: {(defs.path, element.id): key for key, (defs, element)
                                               in self.index.items() if key in self.graph})
        return lookup.get((path, element_id))

    def profile(self, element_id: str) -> Profile:
        return self.profiles.get(element_id) or Profile()

    @property
    def map_id(self) -> str | None:
        return self.graph.graph.get("map")
