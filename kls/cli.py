"""The `kls` command: parse arguments, call one function per subcommand, return an exit code.

Exit codes: 0 fine (warnings allowed unless --strict), 1 findings that fail, 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from kls_model import texts
from kls_model.diagnostics import CODES

DEFAULT_MODELS = "models"


class UsageError(Exception):
    pass


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(texts.CLI_BAD_DATE.format(value=value)) from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kls", description=texts.CLI_DESCRIPTION)
    sub = p.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help=texts.CLI_HELP_CHECK)
    check.add_argument("paths", nargs="*", default=[DEFAULT_MODELS], help=texts.CLI_HELP_PATHS)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help=texts.CLI_HELP_FORMAT)
    check.add_argument("--strict", action="store_true", help=texts.CLI_HELP_STRICT)
    check.add_argument("--reports", metavar="DIR", help=texts.CLI_HELP_REPORTS)
    check.add_argument("--links", action="store_true", help=texts.CLI_HELP_LINKS)
    check.add_argument("--links-timeout", type=float, default=10.0, metavar="SEKUNDER",
                       help=texts.CLI_HELP_LINKS_TIMEOUT)
    check.add_argument("--today", type=_date, help=texts.CLI_HELP_TODAY)

    render = sub.add_parser("render", help=texts.CLI_HELP_RENDER)
    render.add_argument("file", help=texts.CLI_HELP_RENDER_FILE)
    render.add_argument("--out", default=".", help=texts.CLI_HELP_OUT)

    for name, help_text in (("build", texts.CLI_HELP_BUILD), ("serve", texts.CLI_HELP_SERVE)):
        site = sub.add_parser(name, help=help_text)
        site.add_argument("models", nargs="*", help=texts.CLI_HELP_MODELS)
        site.add_argument("--config", default="mkdocs.yml", help=texts.CLI_HELP_CONFIG)
        audience = site.add_mutually_exclusive_group()
        audience.add_argument("--public", dest="audience", action="store_const", const="public",
                              help=texts.CLI_HELP_PUBLIC)
        audience.add_argument("--internal", dest="audience", action="store_const",
                              const="internal", help=texts.CLI_HELP_INTERNAL)
        if name == "build":  # a preview shows the model whatever its findings
            site.add_argument("--allow-errors", action="store_true",
                              help=texts.CLI_HELP_ALLOW_ERRORS)
            site.add_argument("--out", default="site", help=texts.CLI_HELP_BUILD_OUT)
            site.add_argument("--today", type=_date, help=texts.CLI_HELP_BUILD_TODAY)
        else:
            site.add_argument("--addr", default="127.0.0.1:8000", help=texts.CLI_HELP_ADDR)
        site.set_defaults(audience="internal")

    template = sub.add_parser("template", help=texts.CLI_HELP_TEMPLATE)
    template.add_argument("models", nargs="?", default=DEFAULT_MODELS,
                          help=texts.CLI_HELP_TEMPLATE_MODELS)
    template.add_argument("--out", help=texts.CLI_HELP_TEMPLATE_DIR)
    template.add_argument("--stamp", action="store_true", help=texts.CLI_HELP_STAMP)

    init = sub.add_parser("init", help=texts.CLI_HELP_INIT)
    init.add_argument("dir", nargs="?", default=".", help=texts.CLI_HELP_INIT_DIR)
    init.add_argument("--site-name", help=texts.CLI_HELP_INIT_NAME)
    init.add_argument("--organisation", help=texts.CLI_HELP_INIT_ORG)
    init.add_argument("--mailbox", help=texts.CLI_HELP_INIT_MAILBOX)

    sub.add_parser("codes", help=texts.CLI_HELP_CODES)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"kls: {exc}", file=sys.stderr)
        return 2


def cmd_check(args) -> int:
    from kls_model.check import LinkOptions, print_json, print_text, run_check, write_reports

    for path in args.paths:
        if not os.path.exists(path):
            raise UsageError(texts.CLI_PATH_MISSING.format(path=path))
    links = LinkOptions(timeout=args.links_timeout) if args.links else None
    result = run_check(args.paths, today=args.today, links=links)
    (print_json if args.format == "json" else print_text)(result)
    if args.reports:
        write_reports(result, args.reports)
        print(texts.CLI_REPORTS_WRITTEN.format(dir=args.reports), file=sys.stderr)
    if not result.files and not result.system.register.path:
        # A path that holds no model is a mistake in the caller's setup (a CI job pointed at
        # the wrong folder must not pass by checking nothing).
        print(texts.CLI_NO_FILES.format(paths=", ".join(args.paths)), file=sys.stderr)
        return 1
    if args.strict and not result.errors and result.warnings:
        print(texts.CLI_STRICT_FAILED, file=sys.stderr)
    return 1 if result.failed(args.strict) else 0


def cmd_render(args) -> int:
    from site_build.diagram import render_command

    if not os.path.isfile(args.file):
        raise UsageError(texts.CLI_PATH_MISSING.format(path=args.file))
    return render_command(args.file, args.out)


def _site_request(args):
    from site_build.build import BuildRequest

    if not os.path.isfile(args.config):
        raise UsageError(texts.CLI_PATH_MISSING.format(path=args.config))
    for path in args.models:
        if not os.path.exists(path):
            raise UsageError(texts.CLI_PATH_MISSING.format(path=path))
    return BuildRequest(config=Path(args.config), out=Path(getattr(args, "out", "site")),
                        audience=args.audience,
                        allow_errors=getattr(args, "allow_errors", True),
                        models=args.models or None, today=getattr(args, "today", None))


def cmd_build(args) -> int:
    from site_build.build import build

    return build(_site_request(args))


def cmd_serve(args) -> int:
    from site_build.serve import serve

    return serve(_site_request(args), args.addr)


def cmd_template(args) -> int:
    """Write the element templates beside the register; with --stamp also make every model
    safe to edit with them (kls_model.stamp)."""
    from kls_model.documents import Register, read_register
    from kls_model.load import discover
    from kls_model.stamp import stamp_file
    from kls_model.templates import TEMPLATE_SUBDIR, write_templates

    if not os.path.exists(args.models):
        raise UsageError(texts.CLI_PATH_MISSING.format(path=args.models))
    files, registers = discover([args.models])
    register, problems = read_register(registers[0]) if registers else (Register(), [])
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if any(p.severity.value == "error" for p in problems):
        return 1
    folder = os.path.dirname(args.models) if os.path.isfile(args.models) else args.models
    for path in write_templates(register, args.out or os.path.join(folder, TEMPLATE_SUBDIR)):
        print(texts.CLI_TEMPLATE_WRITTEN.format(path=path))
    failed = False
    for path in files if args.stamp else ():
        stamped = stamp_file(path, register)
        if stamped.problem is not None:
            print(stamped.problem.format(), file=sys.stderr)
            failed = True
        for change in stamped.changes:
            print(f"{path}: {change}")
    return 1 if failed else 0


def cmd_init(args) -> int:
    """Ask for what the options did not give (in a terminal), then create the KLS."""
    from site_build.config import valid_mailbox
    from site_build.init import init

    asked = {"site_name": ("--site-name", texts.INIT_ASK_NAME),
             "organisation": ("--organisation", texts.INIT_ASK_ORG),
             "mailbox": ("--mailbox", texts.INIT_ASK_MAILBOX)}
    values = {key: getattr(args, key) for key in asked}
    missing = [key for key, value in values.items() if not value]
    if missing and not sys.stdin.isatty():
        raise UsageError(texts.INIT_MISSING.format(
            options=", ".join(asked[k][0] for k in missing)))
    for key in missing:
        while not values[key]:
            values[key] = input(asked[key][1]).strip()
    if not valid_mailbox(values["mailbox"]):
        raise UsageError(texts.INIT_BAD_MAILBOX.format(value=values["mailbox"]))
    return init(Path(args.dir), **values)


def cmd_codes(args) -> int:
    for code, severity in CODES.items():
        title, _ = texts.MESSAGES[code]
        print(f"{code}  {severity.swedish:<8} {title}")
    return 0


COMMANDS = {"check": cmd_check, "render": cmd_render, "build": cmd_build, "serve": cmd_serve,
            "template": cmd_template, "init": cmd_init, "codes": cmd_codes}


def run() -> None:
    try:
        code = main(sys.argv[1:])
        sys.stdout.flush()
    except BrokenPipeError:  # `kls check | head`: the reader left, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
