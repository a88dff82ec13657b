"""Text for the user from a core that cannot call Qt: an English template (the message's identifier, the source text
of its entry in ``crosstime/i18n/crosstime_<lang>.ts``) and the values that fill it.

A :class:`Message` is a ``str`` (the English sentence, for logs, the command line and tests) that keeps its template
and values, so the interface translates the template and fills it again (``crosstime.translation.translated``).
:class:`~crosstime.core.errors.CrossTimeError` carries one the same way, and :class:`Joined` a list of them. A value
that is a Message itself (a fragment: "the modern index {name}") is translated too. ``scripts/i18n.py`` finds the
templates as the literal first argument of ``Message(...)`` and of any CrossTime error's call in ``core/``, and as
the literal message of ``progress.update(f, "...")`` and ``progress.info("...")``.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List

Translate = Callable[[str], str]


class Message(str):
    """``Message("{n} tiles read from {path}", n=12, path=p)`` reads "12 tiles read from /data/x.tif"."""

    template: str
    values: Dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Message:
        template = str(template)           # a template kept in a Message of its own (no values) is its text
        obj = super().__new__(cls, fill(template, values))
        obj.template = template
        obj.values = values
        return obj

    def __reduce__(self):        # pickles (worker processes) as a Message, not a bare str
        return (_rebuild, (self.template, self.values))

    def translated(self, translate: Translate) -> str:
        """The sentence in the language of ``translate`` (template -> translated template); values that are
        messages themselves are translated too."""
        return render(self.template, self.values, translate)


def _rebuild(template: str, values: Dict[str, Any]) -> Message:
    return Message(template, **values)


class Joined(str):
    """Texts joined by a separator, as one value of a :class:`Message` (a list of reasons, of layers...): each
    message among them is translated. ``Joined("; ", [Message("ring {n} has no points", n=2), "fid 12"])``."""

    separator: str
    items: List[Any]

    def __new__(cls, separator: str, items: Iterable[Any]) -> Joined:
        items = list(items)
        obj = super().__new__(cls, separator.join(str(i) for i in items))
        obj.separator = separator
        obj.items = items
        return obj

    def __reduce__(self):
        return (Joined, (self.separator, self.items))

    def translated(self, translate: Translate) -> str:
        return self.separator.join(translated(i, translate) for i in self.items)


class Detail(str):
    """Another library's own words inside a message (GDAL's, PyTorch's reason for a failure): English that no
    translation can reach. The English sentence keeps them; in another language they give way to "details in the
    CrossTime log", and the interface writes the English sentence to that log."""

    def __reduce__(self):
        return (Detail, (str(self),))

    def translated(self, translate: Translate) -> str:
        pointer = translate(DETAILS_IN_THE_LOG)
        return str(self) if pointer == DETAILS_IN_THE_LOG else pointer


def fill(template: str, values: Dict[str, Any]) -> str:
    """``template.format(**values)``; a template without values is taken as it is (its braces are text)."""
    if not values:
        return template
    try:
        return template.format(**values)
    except Exception:      # a broken field, or a value its format cannot take (None for {:.3f}), must not hide the error
        return template + " " + repr(values)


def render(template: str, values: Dict[str, Any], translate: Translate) -> str:
    own = {k: (v.translated(translate) if isinstance(v, (Message, Joined, Detail)) else v) for k, v in values.items()}
    text = fill(translate(template), own)
    return text if text.strip() else fill(template, own)


def translated(text: Any, translate: Translate) -> str:
    """Any text or exception the core gave, in the language of ``translate``: a Message or a CrossTime error is
    translated from its template; anything else is shown as it is (a library's own message)."""
    if isinstance(text, (Message, Joined)):
        return text.translated(translate)
    message = getattr(text, "message", None)
    if isinstance(text, BaseException) and isinstance(message, Message):
        return message.translated(translate)
    return str(text)


# what a Detail reads as in a translated message (Message() so that scripts/i18n.py finds it for the .ts)
DETAILS_IN_THE_LOG = Message("details in the CrossTime log")
