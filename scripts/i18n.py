"""CrossTime's translations: find every translatable string, keep crosstime/i18n/crosstime_fr.ts in step, check it,
compile it to the .qm that the plugin loads.

    python3 scripts/i18n.py update    # strings of the code and of the .ui files -> the .ts (translations kept)
    python3 scripts/i18n.py check     # exit 1 when a string has no finished French translation, or a tr() call
                                      # has no literal string, or a translation loses a {} field or an HTML tag,
                                      # or core/ builds a message the interface cannot translate
    python3 scripts/i18n.py compile   # the .qm, with lrelease (Debian: qttools5-dev-tools), when the .ts is newer

Strings are found in the plugin's Python files (crosstime/, without core/) as the first argument of ``tr(...)``,
``_tr(...)``, ``QCoreApplication.translate("CrossTime", ...)`` and ``QT_TRANSLATE_NOOP("CrossTime", ...)``, and in
the ``<string>`` elements of the .ui files (context: the form's class, as ``uic`` translates them).

``core/`` never calls Qt: its messages are English templates that the interface translates
(``crosstime.translation.translated``, see ``core/messages.py``). They are found, in context "CrossTime", as the
literal first argument of ``Message(...)`` and of a call of any CrossTime error class (a class of the package that
derives from ``CrossTimeError``, directly or not), and as the literal message of a progress step:
``progress.update(fraction, "...")`` and ``progress.info("...")``. ``check`` refuses in ``core/`` such a message
built already filled (an f-string, ``.format(...)``, ``%`` or ``+``: untranslatable; give the values as keywords,
``raise GridError("{path}: ...", path=p)``), and a builtin exception raised with a text for the user
(``raise ValueError("...")``: raise a CrossTime error instead, ``core.errors.InputError`` for a bad setting); a
builtin raise that no input can cause (a broken invariant) says so with a trailing ``# invariant`` comment.

Standard library only: no Qt, no pylupdate5 needed.
"""
from __future__ import annotations

import argparse
import ast
import builtins
import os
import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Dict, List, Optional, Tuple
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.path.join(ROOT, "crosstime")
I18N = os.path.join(PLUGIN, "i18n")
LANGUAGES = {"fr": "fr_FR"}
CONTEXT = "CrossTime"
TR_NAMES = ("tr", "_tr")                   # the plugin's wrappers of QCoreApplication.translate("CrossTime", ...)
SKIP_DIRS = ("core", "i18n", "resources", "__pycache__")
NOT_TEXT = ("styleSheet",)                 # .ui string properties that are code, not words
CORE = os.path.join(PLUGIN, "core")
BASE_ERROR = "CrossTimeError"              # core/errors.py: every CrossTime error derives from it
BUILTIN_EXCEPTIONS = frozenset(n for n in dir(builtins)
                               if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException))
INVARIANT = "# invariant"                  # marks a builtin raise that no user input can cause

Key = Tuple[str, str]                      # (context, source text)


def ts_path(lang: str = "fr") -> str:
    return os.path.join(I18N, f"crosstime_{lang}.ts")


def qm_path(lang: str = "fr") -> str:
    return os.path.join(I18N, f"crosstime_{lang}.qm")


# extraction ---------------------------------------------------------------------------------------------------
def plugin_files(ext: str) -> List[str]:
    out = []
    for base, dirs, names in os.walk(PLUGIN):
        rel = os.path.relpath(base, PLUGIN)
        if rel != "." and rel.split(os.sep)[0] in SKIP_DIRS:
            dirs[:] = []
            continue
        dirs.sort()
        out += [os.path.join(base, n) for n in sorted(names) if n.endswith(ext)]
    return out


def _literal(node) -> Optional[str]:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _callee(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


class _Finder(ast.NodeVisitor):
    def __init__(self, rel: str):
        self.rel = rel
        self.found: List[Tuple[Key, int]] = []
        self.problems: List[str] = []
        self._defs: List[str] = []

    def visit_FunctionDef(self, node):
        self._defs.append(node.name)
        self.generic_visit(node)
        self._defs.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 (ast.NodeVisitor's name)

    def _where(self, node) -> str:
        return f"{self.rel}:{node.lineno}"

    def visit_Call(self, node: ast.Call):
        name = _callee(node)
        if name in TR_NAMES and isinstance(node.func, ast.Name):
            self._take(node, CONTEXT, node.args[0] if node.args else None, name)
        elif name == "tr" and isinstance(node.func, ast.Attribute):
            self.problems.append(f"{self._where(node)}: QObject.tr() (its context is the class name); call the "
                                 f"module's tr() instead")
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            ctx = _literal(node.args[0])
            inside_wrapper = bool(self._defs) and self._defs[-1] in TR_NAMES
            if inside_wrapper and name == "translate":
                pass                                  # the wrapper itself: translate(CONTEXT, text)
            elif ctx is None:
                self.problems.append(f"{self._where(node)}: {name}() without a literal context")
            else:
                self._take(node, ctx, node.args[1], name)
        self.generic_visit(node)

    def _take(self, node, ctx: str, arg, name: str):
        text = _literal(arg) if arg is not None else None
        if text is None:
            self.problems.append(f"{self._where(node)}: {name}() of something other than a literal string "
                                 "(write tr(\"... {} ...\").format(x))")
        elif text.strip():
            self.found.append(((ctx, text), node.lineno))


def extract_python(path: str) -> Tuple[List[Tuple[Key, int]], List[str]]:
    rel = os.path.relpath(path, PLUGIN)
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    finder = _Finder(rel)
    finder.visit(tree)
    return finder.found, finder.problems


def extract_ui(path: str) -> List[Tuple[Key, int]]:
    """The translatable ``<string>`` elements of a Qt Designer file; context: the form's ``<class>``."""
    root = ET.parse(path).getroot()
    ctx = (root.findtext("class") or "").strip()
    code = {id(s) for prop in root.iter("property") if prop.get("name") in NOT_TEXT for s in prop.iter("string")}
    found = []
    for el in root.iter("string"):
        if el.get("notr") == "true" or id(el) in code or not (el.text or "").strip():
            continue
        found.append(((ctx, el.text), 0))
    return found


def extract() -> Tuple[Dict[Key, List[Tuple[str, int]]], List[str]]:
    """Every translatable string: (context, text) -> [(file relative to the plugin folder, line)], and problems."""
    messages: Dict[Key, List[Tuple[str, int]]] = {}
    problems: List[str] = []
    for path in plugin_files(".py"):
        found, probs = extract_python(path)
        problems += probs
        for key, line in found:
            messages.setdefault(key, []).append((os.path.relpath(path, PLUGIN), line))
    for path in plugin_files(".ui"):
        for key, line in extract_ui(path):
            messages.setdefault(key, []).append((os.path.relpath(path, PLUGIN), line))
    core, probs = extract_core()
    problems += probs
    for key, places in core.items():
        messages.setdefault(key, []).extend(places)
    return messages, problems


# core/: templates of Message(...), of CrossTime errors and of progress steps --------------------------------------
def core_files() -> List[str]:
    out = []
    for base, dirs, names in os.walk(CORE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        out += [os.path.join(base, n) for n in sorted(names) if n.endswith(".py")]
    return out


def crosstime_error_classes(root: str = PLUGIN) -> frozenset:
    """The names of the classes of the package that derive from CrossTimeError, directly or through another."""
    bases: Dict[str, set] = {}
    for base, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for n in names:
            if not n.endswith(".py"):
                continue
            with open(os.path.join(base, n), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    found = {b.id if isinstance(b, ast.Name) else b.attr for b in node.bases
                             if isinstance(b, (ast.Name, ast.Attribute))}
                    bases.setdefault(node.name, set()).update(found)
    errors = {BASE_ERROR}
    grew = True
    while grew:
        new = {name for name, bs in bases.items() if bs & errors} - errors
        errors |= new
        grew = bool(new)
    return frozenset(errors)


def _has_text(node) -> bool:
    """Whether ``node`` makes a text: a literal string, an f-string, ``"...".format()``, ``"..." % x``, ``a + b``."""
    if isinstance(node, ast.JoinedStr) or _literal(node) is not None:
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)) and (
        _has_text(node.left) or _has_text(node.right))


def _filled(node) -> Optional[str]:
    """How ``node`` fills a message before it could be translated, or None."""
    if isinstance(node, ast.JoinedStr):
        return "an f-string"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return ".format()"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _has_text(node.left):
        return "%"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and _has_text(node):
        return "+"
    return None


class _CoreFinder(ast.NodeVisitor):
    """The templates of one core module, and the messages it builds untranslatable."""

    def __init__(self, rel: str, source: str, errors: frozenset):
        self.rel = rel
        self.lines = source.splitlines()
        self.errors = errors
        self.found: List[Tuple[Key, int]] = []
        self.problems: List[str] = []

    def _where(self, node) -> str:
        return f"{self.rel}:{node.lineno}"

    def _message_arg(self, node: ast.Call):
        """(what the call is, its message argument) for Message, a CrossTime error or a progress step; else None."""
        name = _callee(node)
        if name == "Message" or name in self.errors:
            return name, (node.args[0] if node.args else None)
        if isinstance(node.func, ast.Attribute) and not node.keywords:
            if name == "update" and len(node.args) == 2 and _has_text(node.args[1]):
                return "progress.update", node.args[1]
            if name == "info" and len(node.args) == 1 and _has_text(node.args[0]):
                return "progress.info", node.args[0]
        return None

    def visit_Call(self, node: ast.Call):
        hit = self._message_arg(node)
        if hit is not None and hit[1] is not None:
            what, arg = hit
            text, how = _literal(arg), _filled(arg)
            if text is not None and text.strip():
                self.found.append(((CONTEXT, text), node.lineno))
            elif how is not None:
                example = (f"{what}(..., Message(\"{{n}} tiles read\", n=n))" if what.startswith("progress")
                           else f"{what}(\"{{path}}: ...\", path=p)")
                self.problems.append(f"{self._where(node)}: {what}() of a text filled by {how}, which the interface "
                                     f"cannot translate; give a literal template and the values as keywords: {example}")
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise):
        exc = node.exc
        if (isinstance(exc, ast.Call) and isinstance(exc.func, ast.Name) and exc.func.id in BUILTIN_EXCEPTIONS
                and exc.args and _has_text(exc.args[0]) and not self._marked_invariant(node)):
            self.problems.append(f"{self._where(node)}: raise {exc.func.id}() with a message for the user, which "
                                 f"the interface cannot translate; raise a CrossTime error (core/errors.py: "
                                 f"InputError for a bad setting), or end the line with '{INVARIANT}' when no input "
                                 f"can cause it")
        self.generic_visit(node)

    def _marked_invariant(self, node) -> bool:
        return any(INVARIANT in line for line in self.lines[node.lineno - 1:node.end_lineno])


def extract_core_source(source: str, rel: str = "core/module.py",
                        errors: Optional[frozenset] = None) -> Tuple[List[Tuple[Key, int]], List[str]]:
    """The templates of a core module's source, and its problems (``errors``: CrossTime error class names, by
    default those of the package)."""
    finder = _CoreFinder(rel, source, crosstime_error_classes() if errors is None else errors)
    finder.visit(ast.parse(source, rel))
    return finder.found, finder.problems


def extract_core(errors: Optional[frozenset] = None) -> Tuple[Dict[Key, List[Tuple[str, int]]], List[str]]:
    """Every template of core/: (context, text) -> [(file relative to the plugin folder, line)], and problems."""
    errors = crosstime_error_classes() if errors is None else errors
    messages: Dict[Key, List[Tuple[str, int]]] = {}
    problems: List[str] = []
    for path in core_files():
        rel = os.path.relpath(path, PLUGIN)
        with open(path, encoding="utf-8") as f:
            found, probs = extract_core_source(f.read(), rel, errors)
        problems += probs
        for key, line in found:
            messages.setdefault(key, []).append((rel, line))
    return messages, problems


# the .ts file --------------------------------------------------------------------------------------------------
class Entry:
    def __init__(self, translation: str = "", kind: str = "unfinished"):
        self.translation = translation
        self.kind = kind                  # "" (finished), "unfinished", "vanished" (no longer in the code)

    @property
    def finished(self) -> bool:
        return self.kind == "" and bool(self.translation.strip())


def read_ts(path: str) -> Dict[Key, Entry]:
    out: Dict[Key, Entry] = {}
    if not os.path.exists(path):
        return out
    for ctx_el in ET.parse(path).getroot().iter("context"):
        ctx = ctx_el.findtext("name") or ""
        for m in ctx_el.iter("message"):
            src = m.findtext("source") or ""
            t = m.find("translation")
            text = (t.text or "") if t is not None else ""
            kind = (t.get("type") or "") if t is not None else "unfinished"
            out[(ctx, src)] = Entry(text, "unfinished" if kind == "obsolete" else kind)
    return out


def write_ts(path: str, lang: str, messages: Dict[Key, List[Tuple[str, int]]], entries: Dict[Key, Entry]) -> None:
    """The .ts with the strings found now (their translations kept), then the vanished ones (kept for later)."""
    contexts: Dict[str, List[Key]] = {}
    for key in messages:
        contexts.setdefault(key[0], []).append(key)
    for key, entry in entries.items():
        if key not in messages and entry.translation.strip():
            contexts.setdefault(key[0], []).append(key)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{LANGUAGES.get(lang, lang)}" sourcelanguage="en">']
    for ctx in sorted(contexts):
        lines += ["<context>", f"    <name>{escape(ctx)}</name>"]
        for key in contexts[ctx]:
            entry = entries.get(key) or Entry()
            lines.append("    <message>")
            if key in messages:
                for rel, line in messages[key]:
                    loc = escape("../" + rel.replace(os.sep, "/"), {'"': "&quot;"})
                    lines.append(f'        <location filename="{loc}" line="{line}"/>')
                kind = entry.kind if entry.kind != "vanished" else ("" if entry.translation.strip() else "unfinished")
            else:
                kind = "vanished"
            lines.append(f"        <source>{escape(key[1])}</source>")
            attr = f' type="{kind}"' if kind else ""
            lines.append(f"        <translation{attr}>{escape(entry.translation)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def update(lang: str = "fr") -> Tuple[int, int]:
    """Merges the strings found into the .ts; returns (strings, of which untranslated)."""
    messages, _ = extract()
    entries = read_ts(ts_path(lang))
    write_ts(ts_path(lang), lang, messages, entries)
    missing = sum(1 for k in messages if not (entries.get(k) and entries[k].translation.strip()))
    return len(messages), missing


# checks ----------------------------------------------------------------------------------------------------------
def format_fields(text: str) -> Optional[Dict[str, str]]:
    """The str.format fields of ``text`` ({} numbered in order) -> their format spec; None: not a format string."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    out, auto = {}, 0
    for _lit, name, spec, conv in parsed:
        if name is None:
            continue
        if name == "":
            name, auto = str(auto), auto + 1
        out[name] = f"{spec or ''}!{conv or ''}"
    return out


TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")


def problems_of(key: Key, entry: Optional[Entry]) -> List[str]:
    ctx, src = key
    short = src if len(src) <= 90 else src[:87] + "..."
    if entry is None or not entry.translation.strip():
        return [f"[{ctx}] no French translation: {short!r}"]
    if not entry.finished:
        return [f"[{ctx}] French translation not finished ({entry.kind}): {short!r}"]
    out = []
    if format_fields(src) != format_fields(entry.translation):
        out.append(f"[{ctx}] the {{}} fields differ between {short!r} and its translation {entry.translation!r}")
    if sorted(TAG.findall(src)) != sorted(TAG.findall(entry.translation)):
        out.append(f"[{ctx}] the HTML tags differ between {short!r} and its translation")
    return out


def check(lang: str = "fr") -> List[str]:
    """Everything wrong: tr() calls without a literal string, core messages built untranslatable (filled
    templates, builtin exceptions with a text), strings without a finished translation, fields or tags lost in
    translation. Empty when all is well."""
    messages, problems = extract()
    entries = read_ts(ts_path(lang))
    for key in messages:
        problems += problems_of(key, entries.get(key))
    return problems


# compiling -------------------------------------------------------------------------------------------------------
def lrelease() -> str:
    for cand in (shutil.which("lrelease"), "/usr/lib/qt5/bin/lrelease", shutil.which("lrelease-qt5")):
        if cand and os.path.exists(cand):
            return cand
    raise SystemExit("lrelease not found: install Qt's tools (Debian/Ubuntu: apt-get install qttools5-dev-tools; "
                     "or run make setup)")


def compile_qm(lang: str = "fr", force: bool = False) -> str:
    """The .qm of ``lang``, compiled when missing or older than the .ts."""
    ts, qm = ts_path(lang), qm_path(lang)
    if not force and os.path.exists(qm) and os.path.getmtime(qm) >= os.path.getmtime(ts):
        return qm
    env = dict(os.environ, QT_SELECT=os.environ.get("QT_SELECT", "qt5"))
    r = subprocess.run([lrelease(), "-silent", "-nounfinished", ts, "-qm", qm], capture_output=True, text=True,
                       env=env)
    if r.returncode != 0 or not os.path.exists(qm):
        raise SystemExit(f"lrelease failed on {ts}:\n{r.stdout}{r.stderr}")
    return qm


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("update", "check", "compile"))
    ap.add_argument("--lang", default="fr", choices=sorted(LANGUAGES))
    ap.add_argument("--force", action="store_true", help="compile even when the .qm is newer than the .ts")
    a = ap.parse_args(argv)
    if a.action == "update":
        n, missing = update(a.lang)
        print(f"{ts_path(a.lang)}: {n} strings, {missing} without a translation")
        return 0
    if a.action == "check":
        probs = check(a.lang)
        for p in probs:
            print(p)
        print(f"{len(probs)} problem(s)" if probs else "translations complete")
        return 1 if probs else 0
    print(compile_qm(a.lang, a.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
