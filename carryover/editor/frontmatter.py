"""Save what the browser form sends with the smallest change to the file on disk.

Decap CMS writes a whole new file on every save: its own YAML style, its own key order, no
comments. Authors' files (and git history) deserve better, so the file the form sends is
read for its values only, and those values are written into the file already on disk with
a round-trip YAML parser (ruamel.yaml): a field that did not change keeps its exact text,
its quotes, its flow or block style and the comments around it; a changed field is
rewritten in the style it had; a new field goes where the schema puts it. The body is
replaced only if its text changed.

What cannot be kept: a comment on the same line as a value that changed, and the layout
of a list or object inside a changed value when its items were written in mixed styles.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from carryover.model.schema import SCHEMAS

FENCE = "---\n"
# Fields written one item per line in a new file; other lists are written [a, b].
BLOCK_LISTS = frozenset({"materials", "steps"})


class FormFileError(ValueError):
    """The form sent a file that is not front matter and a body."""


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order, quotes and styles are kept
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long line the author wrote on one
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def split(text: str) -> tuple[str, str]:
    """The front matter's YAML and the body after it."""
    text = text.replace("\r\n", "\n")
    if not text.startswith(FENCE):
        raise FormFileError("the file does not start with front matter (---)")
    end = text.find("\n---", 3)
    if end < 0:
        raise FormFileError("the front matter is not closed (---)")
    yaml_text = text[len(FENCE) : end + 1]
    rest = text[end + 4 :]
    return yaml_text, rest[1:] if rest.startswith("\n") else rest


def plain(value: Any) -> Any:
    """A parsed value without ruamel's comment and style wrappers, for comparing."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def is_empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def clean(value: Any) -> Any:
    """Drop what the form writes for a field left empty (``""``, ``null``), at every depth."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if not (is_empty(v) and not isinstance(v, list))}
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dt.datetime):  # a date widget that sent a time too
        return value.date()
    return value


def styled(name: str, value: Any, like: Any = None) -> Any:
    """``value`` as a YAML node in the style of ``like`` (the value it replaces), or in the
    starter library's style for a new field: short lists and objects on one line."""
    if isinstance(value, dict):
        mapping = CommentedMap(value)
        if _flow(like, CommentedMap, name):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        item_like = like[0] if isinstance(like, CommentedSeq) and len(like) else None
        seq = CommentedSeq([styled(name, v, item_like) if isinstance(v, dict) else v for v in value])
        flow = _flow(like, CommentedSeq, name) if like else name not in BLOCK_LISTS  # `[]` says nothing of style
        if flow or not value:  # an empty list is always written []
            seq.fa.set_flow_style()
        return seq
    return value


def _flow(like: Any, kind: type[CommentedMap] | type[CommentedSeq], name: str) -> bool:
    """Whether ``like`` (the value being replaced) was written on one line; the starter's
    style for the field when it does not say."""
    style = like.fa.flow_style() if isinstance(like, (CommentedMap, CommentedSeq)) and isinstance(like, kind) else None
    return (name not in BLOCK_LISTS) if style is None else bool(style)


def delete_key(doc: CommentedMap, key: str) -> None:
    """Remove ``key`` and its line, keeping the comment lines under it: in ruamel they belong
    to the removed value, but they are about what follows. (A comment on the removed line
    itself goes with it.)"""
    keys = list(doc)
    token = (doc.ca.items.get(key) or [None, None, None, None])[2:3]
    after = token[0].value if token and token[0] is not None else ""
    del doc[key]
    rest = after.split("\n", 1)[1] if "\n" in after else ""
    index = keys.index(key)
    if not rest.strip() or index == 0:
        return
    previous = keys[index - 1]
    slots = doc.ca.items.setdefault(previous, [None, None, None, None])
    while len(slots) < 4:
        slots.append(None)
    if slots[2] is not None:
        slots[2].value += rest
    else:
        slots[2] = CommentToken("\n" + rest, CommentMark(0), None)


def update(name: str, old: Any, new: Any) -> Any:
    """``old`` changed as little as possible to hold ``new``."""
    if plain(old) == plain(new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = update(name, old[key], value) if key in old else styled(name, value, None)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list) and old:
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = update(name, old[i], value)
            else:
                old.append(styled(name, value, old[0]) if isinstance(value, dict) else value)
        del old[len(new) :]
        return old
    return styled(name, new, old)


def key_order(kind: str, original: bool) -> list[str]:
    schema_original, schema_translation, _ = SCHEMAS[kind]
    model = schema_original if original else schema_translation
    return [info.alias or name for name, info in model.model_fields.items()]


def merge_front_matter(old_text: str | None, new: dict[str, Any], managed: set[str], order: list[str]) -> str:
    """The YAML of ``old_text`` with the ``managed`` fields set to ``new``'s values."""
    yaml = _yaml()
    doc = yaml.load(old_text) if old_text and old_text.strip() else None
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    for key in [k for k in doc if k in managed and (k not in new or is_empty(new[k]))]:
        if is_empty(doc[key]) and isinstance(doc[key], list):
            continue  # `sources: []` said on purpose stays
        delete_key(doc, key)
    for key, value in new.items():
        if key not in managed or is_empty(value):
            continue
        if key in doc:
            doc[key] = update(key, doc[key], value)
        else:
            before = order[: order.index(key)] if key in order else order
            position = max((i + 1 for i, k in enumerate(doc) if k in before), default=0)
            doc.insert(position, key, styled(key, value))
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def merge_file(old: str | None, sent: str, managed: set[str], order: list[str]) -> str:
    """The file to write: ``old`` (``None`` for a new file) changed to say what ``sent`` says."""
    sent_yaml, sent_body = split(sent)
    new = _yaml().load(sent_yaml) or {}
    if not isinstance(new, dict):
        raise FormFileError("the front matter is not a list of fields")
    return merge_values(old, plain(new), sent_body, managed, order)


def merge_values(old: str | None, new: dict[str, Any], body: str, managed: set[str], order: list[str]) -> str:
    """``old`` changed to hold the values ``new`` and the text ``body``."""
    new = clean(new)
    old_yaml, old_body = split(old) if old is not None else (None, None)
    front = merge_front_matter(old_yaml, new, managed, order)
    if old_body is not None and old_body.strip() == body.strip():
        body = old_body
    else:
        body = "\n" + body.strip("\n") + "\n" if body.strip() else ""
    return FENCE + front + FENCE + body


def set_field(text: str, key: str, value: str, order: list[str]) -> str:
    """``text`` with one front-matter field set (``translated_from``), the rest untouched."""
    yaml_text, body = split(text)
    doc = _yaml().load(yaml_text) or CommentedMap()
    value = SingleQuotedScalarString(value)  # a hash of digits alone must stay text
    if key in doc:
        doc[key] = value
    else:
        position = max((i + 1 for i, k in enumerate(doc) if k in order[: order.index(key)]), default=len(doc))
        doc.insert(position, key, value)
    out = io.StringIO()
    _yaml().dump(doc, out)
    return FENCE + out.getvalue() + FENCE + ("\n" + body if body and not body.startswith("\n") else body)


def read_values(text: str) -> dict[str, Any]:
    """A file's front matter as plain values (what the form last saved)."""
    yaml_text, _ = split(text)
    return plain(_yaml().load(yaml_text) or {})
