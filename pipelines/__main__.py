import logging
import os
import sys

from pipelines.garbage import paused_for_imports

with paused_for_imports():
    from pipelines.cli import main

if __name__ == "__main__":  # worker processes import this module too: they must not run it
    code = main()
    # Everything is written and closed by now (warehouse connections, the worker pool, Dagster's
    # records). What is left is the interpreter's teardown of great-expectations' objects: over a
    # second here, and nothing of ours to lose in skipping it.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
