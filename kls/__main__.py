from kls.cli import run

run()
