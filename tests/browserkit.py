"""What every browser test shares: Debian's chromium (never a downloaded browser), a static
HTTP server on 127.0.0.1, a `kls build` helper and axe-core from npm (the current release,
pinned in package-lock.json; `make test` installs it with `npm ci`)."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
#: WCAG 2.0 and 2.1, levels A and AA: what Swedish law (DOS-lagen) requires.
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.cache
def serve(directory: str) -> str:
    """Serve ``directory`` over HTTP on 127.0.0.1 for the rest of the test run; its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=directory))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/"


def build(out: Path, *args: str) -> None:
    """`kls build --out OUT ARGS` through the CLI, as a user runs it."""
    proc = subprocess.run([sys.executable, "-m", "kls", "build", "--out", str(out), *args],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def launch(playwright):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


@pytest.fixture(scope="module")
def browser():
    """One chromium per test module (import this fixture into the module)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh desktop page, 1280 x 900, Swedish."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    yield context.new_page()
    context.close()


def axe_violations(page, tags: list[str] = WCAG, context: str = "document") -> list:
    """Run the npm axe-core on the loaded page; ``[(rule, impact, first targets)]``."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: `make test` installs it with npm ci")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        f"tags => axe.run({context}, {{runOnly: {{type: 'tag', values: tags}}}})", tags)
    assert len(result["passes"]) > 5, "axe-core did not really run"
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"]]
