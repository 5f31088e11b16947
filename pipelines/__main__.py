import logging
import os
import sys

from pipelines.garbage import paused_for_imports

if __name__ == "__main__":  # worker processes import this module too: they must not run it,
    with paused_for_imports():  # nor import the whole command line (they need pipelines.pool)
        from pipelines.cli import main
    code = main()
    # Everything is written and closed by now (warehouse connections, the worker pool, Dagster's
    # records). What is left is the interpreter's teardown of great-expectations' objects: over a
    # second here, and nothing of ours to lose in skipping it.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
