"""consilience: what many news reports of one story actually establish, cited to exact characters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Report", "__version__", "analyze"]

if TYPE_CHECKING:
    from consilience.model import Report
    from consilience.pipeline import analyze


def __getattr__(name: str) -> Any:
    # Lazy: `import consilience` stays cheap; the pipeline (spaCy, onnxruntime) loads on first use.
    if name == "analyze":
        from consilience.pipeline import analyze

        return analyze
    if name == "Report":
        from consilience.model import Report

        return Report
    raise AttributeError(name)
