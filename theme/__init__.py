"""kls's theme files for Material for MkDocs: templates (``main.html``, ``partials/``), the
stylesheet and the scripts (``assets/``). In the repository this is ``theme/``; installed, it is
the ``kls_theme`` package, so a site builds from a plain ``pip install kls``.
``site_build.config`` adds this folder to every site's theme. (MkDocs copies no ``*.py`` file
from a theme into a site.)"""

from pathlib import Path

THEME_DIR = Path(__file__).resolve().parent
