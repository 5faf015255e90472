"""`kls serve`: the live preview for processhandledare. Save a model in Camunda Modeler and the
browser beside it shows the new page within a second, with the model's findings on it.

The work is in ``site_build.preview``: ``engine`` (what a save updates, in which order),
``source`` (reading only what changed, keeping a broken file's last good reading), ``render``
(MkDocs kept warm, rendering single pages with the build's own page steps), ``findings``
(the findings on each page and the findings page), ``server`` (HTTP on 127.0.0.1, the
preview's script injected into each page) and ``watch`` (file events). Pages are byte for
byte what `kls build` publishes, apart from the preview's injected block.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

from . import texts

from .build import BuildError, BuildRequest


def serve(request: BuildRequest, addr: str) -> int:
    """Run the preview until Ctrl+C (or SIGTERM); the exit code."""
    from .preview.engine import Preview
    from .preview.server import PreviewServer, parse_addr
    from .preview.watch import stop_watching, watch

    try:
        host, port = parse_addr(addr)
    except ValueError:
        print(texts.SERVE_ADDR.format(addr=addr), file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="kls-serve-"))
    preview = observer = server = None
    try:
        preview = Preview(request, scratch)
        print(texts.SERVE_PREPARING.format(paths=", ".join(preview.paths)), flush=True)
        try:
            server = PreviewServer(preview, host, port)
        except OSError as exc:
            print(texts.SERVE_BIND.format(addr=addr, detail=exc.strerror or exc),
                  file=sys.stderr)
            return 1
        observer = watch(preview.paths, preview.wake)
        preview.start()
        server.start()
        print(texts.SERVE_START.format(addr=addr), flush=True)
        _wait_for_stop()
        return 0
    except BuildError as exc:  # the settings or the models: the preview never started
        print(texts.SERVE_NOT_STARTED.format(detail=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except Exception as exc:  # noqa: BLE001 - the first build failed: say why, no traceback
        print(texts.SERVE_NOT_STARTED.format(detail=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return 1
    finally:
        for stop in (server and server.stop, observer and (lambda: stop_watching(observer)),
                     preview and preview.stop):
            if stop:
                stop()
        shutil.rmtree(scratch, ignore_errors=True)
        print(texts.SERVE_STOPPED, flush=True)


def _wait_for_stop() -> None:
    """Block until Ctrl+C or SIGTERM (both end the preview the same way)."""
    stopped = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        stopped.wait()
    except KeyboardInterrupt:
        pass
