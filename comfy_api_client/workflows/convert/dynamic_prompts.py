"""The editor's dynamic prompts: what a text widget marked ``dynamicPrompts`` sends.

At export the editor strips C-style comments from such a text, replaces each ``{a|b|c}`` group
(nested groups too) by one of its options picked at random, and drops the backslash of an
escaped ``\\{``, ``\\}`` or ``\\|``; a backslash before any other character stays (a
backslash ending the text reads the JavaScript ``undefined`` after it, as in the editor).
"""

from __future__ import annotations

import random
import re

_COMMENTS = re.compile(r"/\*[\s\S]*?\*/|//.*")
_ESCAPED = re.compile(r"\\([{}|])")


def dynamic_prompt(text: str, pick: random.Random | None = None) -> str:
    """``text`` as the editor sends it (``pick`` chooses among options; default: at random)."""
    chooser = pick or random.Random()
    return _ESCAPED.sub(r"\1", _expand(_COMMENTS.sub("", text), chooser))


def fixed_prompt(text: str) -> str | None:
    """The text the editor sends for ``text``, or None where it holds a choice (``{a|b}``),
    which the editor picks at random."""
    source = _COMMENTS.sub("", text)
    i = 0
    while i < len(source):
        if source[i] == "{":
            return None
        i += 2 if source[i] == "\\" else 1
    return dynamic_prompt(text)


def _escape(text: str, i: int) -> str:
    """The escape at ``text[i]`` (a backslash), kept whole until the end."""
    return "\\" + (text[i + 1] if i + 1 < len(text) else "undefined")


def _expand(text: str, pick: random.Random) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            out.append(_escape(text, i))
            i += 2
        elif char == "{":
            options, i = _group(text, i + 1)
            out.append(dynamic_prompt(pick.choice(options), pick))  # as the editor: whole
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _group(text: str, i: int) -> tuple[list[str], int]:
    """The options of the group opening before ``i`` and the index after its ``}`` (or the
    end of the text: an unclosed group runs to it, as in the editor)."""
    options: list[str] = []
    current: list[str] = []
    depth = 0
    while i < len(text):
        char = text[i]
        i += 1
        if char == "\\":
            current.append(_escape(text, i - 1))
            i += 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if not depth:
                break
            depth -= 1
        elif char == "|" and not depth:
            options.append("".join(current))
            current = []
            continue
        current.append(char)
    options.append("".join(current))
    return options, i
