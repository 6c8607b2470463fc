# os.path, not pathlib: importing pathlib here would cost every `python -m legpress_cli` start.
# ruff: noqa: PTH100, PTH109, PTH120
import os
import sys

# `python -m legpress_cli` puts the working folder first on sys.path, so a downloaded data pack
# with a typer.py (or rich.py) of its own, run from inside, would be imported instead of the
# library. Drop that entry unless this package itself was loaded from it (`python -P -m` does
# the same on Python 3.11+).
_home = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if sys.path and sys.path[0] and os.path.abspath(sys.path[0]) != _home:
    try:
        if os.path.abspath(sys.path[0]) == os.getcwd():
            del sys.path[0]
    except OSError:  # a deleted working folder: nothing of it can be imported anyway
        del sys.path[0]

from legpress_cli.entry import main  # noqa: E402  after the guard above

if __name__ == "__main__":
    main()
