"""kls command line; the work is done in kls_model (model) and site_build (site)."""
