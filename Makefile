# Two commands do all setup on a fresh Debian machine: `make site` and `make test`.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := $(if $(shell command -v dot),,graphviz) $(if $(shell command -v chromium),,chromium) \
            $(if $(shell command -v npm),,nodejs npm)
NODE_STAMP := node_modules/.installed

.PHONY: test site serve check bench sysdeps clean

test: $(STAMP) sysdeps $(NODE_STAMP)
	$(PY) -m pytest -q

site: $(STAMP) sysdeps
	$(VENV)/bin/kls build --out site

serve: $(STAMP) sysdeps
	$(VENV)/bin/kls serve

check: $(STAMP)
	$(VENV)/bin/kls check models

bench: $(STAMP) sysdeps
	$(PY) bench/read_corpus.py
	$(PY) bench/render_corpus.py

# System packages we need and pip cannot give: the real `dot` binary and Debian's chromium.
sysdeps:
	@if [ -n "$(strip $(APT_PKGS))" ]; then \
	  echo "Installerar systempaket: $(APT_PKGS)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PKGS); \
	fi

# The npm packages the tests drive (Camunda Modeler's editor library, the element-template
# validator, bpmnlint, axe-core), pinned by the committed lockfile.
$(NODE_STAMP): package.json package-lock.json | sysdeps
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) node_modules build site .pytest_cache
