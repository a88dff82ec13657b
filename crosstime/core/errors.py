"""The one base of CrossTime's own errors: each message names the input at fault and what to do."""
from __future__ import annotations

from typing import Any

from .messages import Message


class CrossTimeError(Exception):
    """An input CrossTime cannot use, or a job that cannot run as asked. The message is for the user.

    ``raise SomeError("{path}: not a GeoTIFF", path=p)``: the template is the message's identifier, translated by the
    interface (``core.messages``); ``str(error)`` is the English sentence. A message given already filled (an f-string)
    is shown as it is, untranslated: ``scripts/i18n.py check`` refuses that in ``core/``."""

    def __init__(self, message: Any = "", /, **values: Any):
        self.message = message if isinstance(message, Message) and not values else Message(str(message), **values)
        super().__init__(str(self.message))

    def __reduce__(self):        # crosses process boundaries with its template and values, whatever the subclass
        return (_rebuild, (type(self), self.message.template, self.message.values, self.__dict__))


def _rebuild(cls: type, template: str, values: dict, state: dict) -> CrossTimeError:
    error = cls.__new__(cls)
    CrossTimeError.__init__(error, template, **values)
    error.__dict__.update(state)
    return error


class InputError(CrossTimeError, ValueError):
    """A setting or argument outside what CrossTime offers: an unknown backbone, recipe, pooling, distance...; a
    ``ValueError`` too, so that callers catching one still do."""
