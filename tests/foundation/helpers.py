"""Shared helpers for the foundation tests: a cheap fake embedder and a CLI runner in a subprocess."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DIMENSION = 32
CLI = Path(sys.executable).with_name("consilience")


class HashEmbedder:
    """Unit vectors from a hash of each text: identical texts embed identically, others almost orthogonally."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit row per text."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            digest = hashlib.sha256(text.encode("utf-8")).digest()
            seed = int.from_bytes(digest[:8], "little")
            vec = np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)
            out[row] = vec / np.linalg.norm(vec)
        return out


@dataclass(frozen=True)
class CliResult:
    """Exit code and captured streams of one `consilience` run."""

    code: int
    stdout: bytes
    stderr: str

    @property
    def message(self) -> str:
        """stderr with whitespace collapsed (Rich may still break lines in narrow consoles)."""
        return " ".join(self.stderr.split())


def run_cli(
    args: Sequence[str | Path], cwd: Path, stdin: bytes | None = None, timeout: float = 180
) -> CliResult:
    """Run the installed `consilience` command as a user would, in a subprocess."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_COLOR": "1"}
    env.pop("COLUMNS", None)
    env.pop("CONSILIENCE_DEBUG", None)
    proc = subprocess.run(
        [str(CLI), *map(str, args)],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))
