"""`kls serve`'s live preview: see ``site_build/serve.py`` for the parts and
``docs/architecture.md`` for where it sits in the pipeline."""
