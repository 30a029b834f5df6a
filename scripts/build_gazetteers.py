#!/usr/bin/env python3
"""Build paper-kg's spaCy EntityRuler gazetteers from independent external corpora.

    python scripts/build_gazetteers.py --external /work/shared/external --out extractors/patterns

A thin entry point: the builder is the package ``scripts/gazetteers`` (see its ``__init__`` for the
output format and the licence rules, and ``--help`` for the options).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.gazetteers.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
