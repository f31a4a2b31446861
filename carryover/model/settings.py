"""What pages need to know about the site itself: where it lives and who runs it.

The clinic's details come from ``extra.clinic`` in mkdocs.yml. They are checked here,
away from any engine: a detail the build does not know, a number where text belongs or a
logo address a page may not load is a ``SettingsError`` whose message names the file,
the key and the fix; the engine stops the build with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


class ClinicSettings(BaseModel):
    """The clinic's own details, printed on handouts; an empty one is not printed."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)

    name: str = ""
    phone: str = ""
    whatsapp: str = ""
    email: str = ""
    website: str = ""
    logo: str = ""  # a path on the site (assets/logo.png) or a web address

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_blank(cls, value: object) -> object:
        """``phone:`` with nothing after it (YAML's null) is an empty detail, as "" is."""
        return "" if value is None else value

    @field_validator("logo")
    @classmethod
    def _loadable(cls, value: str) -> str:
        if value and safe_url(value) is None:
            raise ValueError("unsafe_url")
        return value


CLINIC_FIELDS = tuple(ClinicSettings.model_fields)


def clinic_settings(raw: object) -> ClinicSettings:
    """``extra.clinic`` of mkdocs.yml, checked: no entry is no clinic details; anything
    the build cannot use raises ``SettingsError``, one line per problem."""
    if raw is None:
        return ClinicSettings()
    if not isinstance(raw, dict):
        raise SettingsError(
            f"{SETTINGS_FILE}: {CLINIC_KEY} must be a set of 'key: value' lines "
            f"({', '.join(CLINIC_FIELDS)}), found {raw!r}; fix it in {SETTINGS_FILE}"
        )
    try:
        return ClinicSettings.model_validate(raw)
    except ValidationError as exc:
        raise SettingsError("\n".join(_clinic_problem(err) for err in exc.errors())) from None


def _clinic_problem(err: ErrorDetails) -> str:
    key = str(err["loc"][0]) if err["loc"] else ""
    where = f"{SETTINGS_FILE}: {CLINIC_KEY}.{key}"
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        return (
            f"{where} is not a clinic detail{did_you_mean(key, CLINIC_FIELDS)}; the details are "
            f"{', '.join(CLINIC_FIELDS)}: rename it or remove it from {SETTINGS_FILE}"
        )
    if err["type"] == "value_error" and key == "logo":
        return (
            f"{where} must be a path on the site, like logo: assets/logo.png, or an https:// address "
            f"('{value}' is not an address a page may load an image from); fix it in {SETTINGS_FILE}"
        )
    if err["type"] == "string_type":
        return f'{where} must be text (found {value!r}); put it in quotes in {SETTINGS_FILE}, like {key}: "{value}"'
    return f"{where}: {err['msg']} (found {value!r}); fix it in {SETTINGS_FILE}"


EDITOR_KEY = "extra.editor"
# Git hosts Decap CMS can save to from a published editor (GitHub is the documented one).
EDITOR_BACKENDS = ("github", "gitlab", "gitea", "bitbucket")


class EditorSettings(BaseModel):
    """Whether the built site carries the browser form at /admin/, and where it saves. Off by
    default: a public library is for reading, and the form is the clinic's decision."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)

    publish: bool = False
    backend: str = "github"
    repo: str = ""  # owner/name on the git host
    branch: str = "main"
    base_url: str = ""  # the login (OAuth) service the git host's backend goes through
    auth_endpoint: str = ""
    content_folder: str = "content"  # where the content folder is in the repository

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_blank(cls, value: object) -> object:
        return "" if value is None else value

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
    """``extra.editor`` of mkdocs.yml, checked like ``extra.clinic``."""
    if raw is None:
        return EditorSettings()
    if not isinstance(raw, dict):
        raise SettingsError(
            f"{SETTINGS_FILE}: {EDITOR_KEY} must be a set of 'key: value' lines "
            f"({', '.join(EDITOR_FIELDS)}), found {raw!r}; fix it in {SETTINGS_FILE}"
        )
    try:
        settings = EditorSettings.model_validate(raw)
    except ValidationError as exc:
        raise SettingsError("\n".join(_editor_problem(err) for err in exc.errors())) from None
    if settings.publish and not re.fullmatch(r"[\w.-]+/[\w.-]+", settings.repo):
        raise SettingsError(
            f"{SETTINGS_FILE}: {EDITOR_KEY}.repo must name the repository the published editor saves to, "
            f"like repo: my-clinic/carryover (found {settings.repo!r}); set it, or set publish: false"
        )
    return settings


def _editor_problem(err: ErrorDetails) -> str:
    key = str(err["loc"][0]) if err["loc"] else ""
    where = f"{SETTINGS_FILE}: {EDITOR_KEY}.{key}"
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        return (
            f"{where} is not an editor setting{did_you_mean(key, EDITOR_FIELDS)}; the settings are "
            f"{', '.join(EDITOR_FIELDS)}: rename it or remove it from {SETTINGS_FILE}"
        )
    if err["type"] == "value_error" and key == "backend":
        return f"{where} must be one of {', '.join(EDITOR_BACKENDS)} (found {value!r}); fix it in {SETTINGS_FILE}"
    if err["type"] == "value_error" and key == "base_url":
        return f"{where} must be an https:// address (found {value!r}); fix it in {SETTINGS_FILE}"
    if err["type"] == "bool_type":
        return f"{where} must be true or false (found {value!r}); fix it in {SETTINGS_FILE}"
    if err["type"] == "string_type":
        return f'{where} must be text (found {value!r}); put it in quotes in {SETTINGS_FILE}, like {key}: "{value}"'
    return f"{where}: {err['msg']} (found {value!r}); fix it in {SETTINGS_FILE}"


@dataclass(frozen=True)
class SiteSettings:
    root_url: str = "http://127.0.0.1:8000/"
    site_name: str = "Carryover"
    clinic: ClinicSettings = field(default_factory=ClinicSettings)
    editor: EditorSettings = field(default_factory=EditorSettings)

    def page_url(self, lang: str, path: str) -> str:
        """The absolute address of a page, for QR codes, previews and shared links."""
        return f"{self.root_url}{lang}/{path}"
