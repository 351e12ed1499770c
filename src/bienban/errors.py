"""The few named exceptions the library raises; the CLI turns each into a one-line message.

Each carries a message key and its values, so that the same error reads in Vietnamese or English.
"""

from __future__ import annotations

from .messages import both, resolve_lang


class BienbanError(Exception):
    """Base class: anything bienban reports to a user as a one-line message."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        self.vi, self.en = both(key, **values)
        super().__init__(self.en)

    @property
    def code(self) -> str:
        return self.key.split(".", 1)[-1]

    def text(self, lang: str | None = None) -> str:
        return self.en if resolve_lang(lang) == "en" else self.vi


class InputError(BienbanError):
    """A minutes file cannot be read or understood."""


class ModelError(BienbanError):
    """A model file is missing, tampered with, or made with incompatible libraries."""


class DataError(BienbanError):
    """Labelled data is malformed."""


class PolicyError(BienbanError):
    """A policy file is invalid."""
