"""Engine v1, for side-by-side figures only: its source comes out of git, never back into the product.

`v1_tree()` unpacks generator/engine as it was at V1_COMMIT (the last commit with ENGINE_VERSION = 1) into a
temporary folder; a subprocess with that folder first on sys.path imports v1 under the same module names as v2.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
V1_COMMIT = "0a9308d01d5caf39d0e0d4ae6eaa389b4b9b72b4"


@contextlib.contextmanager
def v1_tree() -> Iterator[Path]:
    """A folder holding v1's `generator` package (the engine alone), removed afterwards."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", V1_COMMIT, "generator/__init__.py", "generator/engine"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise SystemExit(f"cannot read engine v1 from git ({V1_COMMIT[:10]}): {archive.stderr.decode().strip()}")
    with tempfile.TemporaryDirectory(prefix="fartgen-v1-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder)
