"""`python -m bench NAME [options]` runs bench/NAME.py's main(argv)."""

import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name != "common"
    )


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in available():
        names = ", ".join(available()) or "none yet"
        sys.exit(f"usage: python -m bench NAME [options]   (NAME: {names})")
    importlib.import_module(f"bench.{sys.argv[1]}").main(sys.argv[2:])


if __name__ == "__main__":
    main()
