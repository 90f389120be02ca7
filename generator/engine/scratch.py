"""Per-thread scratch arrays, reused from render to render.

A fresh array of a few hundred kilobytes costs more in page faults than the arithmetic done in it (the allocator
returns freed blocks of that size to the kernel), so the engine's temporaries live here instead. Scratch contents
are garbage on arrival and must never leave the engine: whatever a caller keeps is a fresh array.
"""

from __future__ import annotations

import threading

import numpy as np

# Longer requests get fresh arrays, so that one long render at a high rate does not pin memory for good:
# a slot holds at most 4 MB, 12 s at 44.1 kHz fits.
MAX_SAMPLES = 1 << 20

_local = threading.local()


def scratch(slot: int, n: int) -> np.ndarray:
    """n float32 samples of scratch space, the same memory on every call with this slot on this thread."""
    if n > MAX_SAMPLES:
        return np.empty(n, dtype=np.float32)
    arrays: dict[int, np.ndarray] = _local.__dict__.setdefault("arrays", {})
    array = arrays.get(slot)
    if array is None or len(array) < n:
        # Grow by a margin, so that slightly longer sounds do not reallocate one after another.
        array = arrays[slot] = np.empty(min(MAX_SAMPLES, n + n // 4), dtype=np.float32)
    return array[:n]
