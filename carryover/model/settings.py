"""What pages need to know about the site itself: where it lives and who runs it.

The clinic's details come from ``extra.clinic`` in mkdocs.yml. They are checked here,
away from any engine: a detail the build does not know, a number where text belongs or a
logo address a page may not load is a ``SettingsError`` whose message names the file,
the key and the fix; the engine stops the build with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import ErrorDetails

from carryover.model.problems import did_you_mean
from carryover.sanitize import safe_url

# Most strategies a home program may hold: fewer are followed more often.
BUNDLE_CAP = 4

SETTINGS_FILE = "mkdocs.yml"
CLINIC_KEY = "extra.clinic"


class SettingsError(ValueError):
    """A setting the build cannot use; its message says where it is and how to fix it."""


class _Settings(BaseModel):
    """A section of ``extra`` in mkdocs.yml: only known keys, exact types, and a key with
    nothing after it (YAML's null) read as empty, as "" is."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_blank(cls, value: object) -> object:
        return "" if value is None else value


class ClinicSettings(_Settings):
    """The clinic's own details, printed on handouts; an empty one is not printed."""

    name: str = ""
    phone: str = ""
    whatsapp: str = ""
    email: str = ""
    website: str = ""
    logo: str = ""  # a path on the site (assets/logo.png) or a web address

    @field_validator("logo")
    @classmethod
    def _loadable(cls, value: str) -> str:
        if value and safe_url(value) is None:
            raise ValueError("unsafe_url")
        return value


CLINIC_FIELDS = tuple(ClinicSettings.model_fields)


_M = TypeVar("_M", bound=BaseModel)
# Words a section's own problems (``value_error``) in its own terms, or says nothing (``None``).
Special = Callable[[str, str, object], "str | None"]


def _section(raw: object, model: type[_M], key: str, what: tuple[str, str], special: Special) -> _M:
    """One ``extra.<section>`` of mkdocs.yml, checked: no entry is the defaults; anything the
    build cannot use raises ``SettingsError``, one line per problem, each naming the key and
    the fix. ``what`` names one setting and many ("a clinic detail", "details")."""
    fields = tuple(model.model_fields)
    if raw is None:
        return model()
    if not isinstance(raw, dict):
        raise SettingsError(
            f"{SETTINGS_FILE}: {key} must be a set of 'key: value' lines "
            f"({', '.join(fields)}), found {raw!r}; fix it in {SETTINGS_FILE}"
        )
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = [_problem(err, key, fields, what, special) for err in exc.errors()]
        raise SettingsError("\n".join(lines)) from None


def _problem(err: ErrorDetails, key: str, fields: tuple[str, ...], what: tuple[str, str], special: Special) -> str:
    name = str(err["loc"][0]) if err["loc"] else ""
    where = f"{SETTINGS_FILE}: {key}.{name}"
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        return (
            f"{where} is not {what[0]}{did_you_mean(name, fields)}; the {what[1]} are "
            f"{', '.join(fields)}: rename it or remove it from {SETTINGS_FILE}"
        )
    if err["type"] == "value_error" and (found := special(name, where, value)):
        return found
    if err["type"] == "bool_type":
        return f"{where} must be true or false (found {value!r}); fix it in {SETTINGS_FILE}"
    if err["type"] == "string_type":
        return f'{where} must be text (found {value!r}); put it in quotes in {SETTINGS_FILE}, like {name}: "{value}"'
    return f"{where}: {err['msg']} (found {value!r}); fix it in {SETTINGS_FILE}"


def clinic_settings(raw: object) -> ClinicSettings:
    """``extra.clinic`` of mkdocs.yml, checked (see ``_section``)."""
    return _section(raw, ClinicSettings, CLINIC_KEY, ("a clinic detail", "details"), _clinic_problem)


def _clinic_problem(name: str, where: str, value: object) -> str | None:
    if name == "logo":
        return (
            f"{where} must be a path on the site, like logo: assets/logo.png, or an https:// address "
            f"('{value}' is not an address a page may load an image from); fix it in {SETTINGS_FILE}"
        )
    return None


EDITOR_KEY = "extra.editor"
# Git hosts Decap CMS can save to from a published editor (GitHub is the documented one).
EDITOR_BACKENDS = ("github", "gitlab", "gitea", "bitbucket")


class EditorSettings(_Settings):
    """Whether the built site carries the browser form at /admin/, and where it saves. Off by
    default: a public library is for reading, and the form is the clinic's decision."""

    publish: bool = False
    backend: str = "github"
    repo: str = ""  # owner/name on the git host
    branch: str = "main"
    base_url: str = ""  # the login (OAuth) service the git host's backend goes through
    auth_endpoint: str = ""
    content_folder: str = "content"  # where the content folder is in the repository

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value not in EDITOR_BACKENDS:
            raise ValueError("unknown_backend")
        return value

    @field_validator("base_url")
    @classmethod
    def _https(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("not_https")
        return value


EDITOR_FIELDS = tuple(EditorSettings.model_fields)


def editor_settings(raw: object) -> EditorSettings:
    """``extra.editor`` of mkdocs.yml, checked like ``extra.clinic``; a published editor must
    name its repository."""
    settings = _section(raw, EditorSettings, EDITOR_KEY, ("an editor setting", "settings"), _editor_problem)
    if settings.publish and not re.fullmatch(r"[\w.-]+/[\w.-]+", settings.repo):
        raise SettingsError(
            f"{SETTINGS_FILE}: {EDITOR_KEY}.repo must name the repository the published editor saves to, "
            f"like repo: my-clinic/carryover (found {settings.repo!r}); set it, or set publish: false"
        )
    return settings


def _editor_problem(name: str, where: str, value: object) -> str | None:
    if name == "backend":
        return f"{where} must be one of {', '.join(EDITOR_BACKENDS)} (found {value!r}); fix it in {SETTINGS_FILE}"
    if name == "base_url":
        return f"{where} must be an https:// address (found {value!r}); fix it in {SETTINGS_FILE}"
    return None


@dataclass(frozen=True)
class SiteSettings:
    root_url: str = "http://127.0.0.1:8000/"
    site_name: str = "Carryover"
    clinic: ClinicSettings = field(default_factory=ClinicSettings)
    editor: EditorSettings = field(default_factory=EditorSettings)

    def page_url(self, lang: str, path: str) -> str:
        """The absolute address of a page, for QR codes, previews and shared links."""
        return f"{self.root_url}{lang}/{path}"
