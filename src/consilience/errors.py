"""Errors a user can act on: each names the file and the problem, never a traceback."""

from __future__ import annotations


class ConsilienceError(Exception):
    """Base class: an error with a message meant for the user."""


class InputError(ConsilienceError):
    """Input that cannot be used (exit code 2): names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class AnalysisError(ConsilienceError):
    """The analysis itself failed (exit code 1)."""


class InputNote(InputError):
    """Something about an input worth telling the user that did not stop it being analysed."""
