"""kls_model: read a KLS drawn in BPMN 2.0, build one graph over it, and check it. It never
imports ``mkdocs`` or ``site_build``; the site and the CLI build on it.

The modules, in pipeline order (``docs/architecture.md`` has the whole map):

- ``xmlsafe``: the only bytes → lxml step (size limit, no DTD or entities, binary files).
- ``read``: one BPMN file into ``bpmn.Definitions`` and findings, never raising.
- ``bpmn``: the data model of elements and their diagram interchange (DI); type vocabularies.
- ``di``: what a DI plane draws, and why anything in it is not drawn (KLS051–KLS053).
- ``profile``: the KLS profile keys, read from ``camunda:``/``zeebe:`` properties.
- ``pools``: KLS properties on pools are their process's.
- ``documents``: the document register (``dokument.yml``).
- ``load``: every file, the register and the profiles into one ``system.QualitySystem``.
- ``graph``: the networkx graph over the whole KLS, its typed nodes and its queries.
- ``system``: ``QualitySystem``, the whole KLS as read.
- ``rules``: the validation rules, each with a stable code (``rules.validate``).
- ``diagnostics``: ``Finding``, the table of codes and severities.
- ``check``: ``kls check`` (text and JSON output, reviewer reports).
- ``linkcheck``: ``kls check --links``, the register's URLs over HTTP.
- ``compliance``: SOSFS 2011:9 and ``krav.yml``, each requirement assessed from the model.
- ``lagrum``: legal references parsed, so that spelling variants meet.
- ``templates``: Camunda Modeler element templates generated from the profile and register.
- ``stamp``: ``kls template --stamp``, models made safe to edit with the templates.
- ``collate``: Swedish alphabetical order.
- ``urls``: which links kls will publish.
- ``texts``: every Swedish string ``kls_model`` and the CLI show.

Each module declares its public names in ``__all__``; ``tests/test_api.py`` pins them, so a
change to the API is a deliberate edit of that test.
"""

__all__ = ["xmlsafe", "read", "bpmn", "di", "profile", "pools", "documents", "load", "graph",
           "system", "rules", "diagnostics", "check", "linkcheck", "compliance", "lagrum",
           "templates", "stamp", "collate", "urls", "texts"]
