"""The clinic's details and the editor setting (mkdocs.yml: extra.clinic, extra.editor):
checked before anything is built, and every mistake named with its file, its key and the fix."""

import pytest

from carryover.model.settings import ClinicSettings, SettingsError, SiteSettings, clinic_settings, editor_settings


def test_the_starter_settings_and_no_settings_print_nothing():
    starter = {"name": "", "phone": "", "whatsapp": "", "email": "", "website": "", "logo": ""}
    assert clinic_settings(starter) == ClinicSettings() == clinic_settings(None) == SiteSettings().clinic
    assert clinic_settings({"phone": None}).phone == ""  # `phone:` with nothing after it


def test_a_clinic_with_every_detail():
    clinic = clinic_settings(
        {"name": "Little Steps OT", "phone": "+1 555 0100", "email": "hi@example.org", "logo": "assets/logo.png"}
    )
    assert (clinic.name, clinic.phone, clinic.logo, clinic.website) == (
        "Little Steps OT",
        "+1 555 0100",
        "assets/logo.png",
        "",
    )
    assert clinic_settings({"logo": "https://example.org/logo.png"}).logo == "https://example.org/logo.png"


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ({"phone": 5550100}, ["extra.clinic.phone must be text (found 5550100)", 'phone: "5550100"']),
        ({"whatsapp": True}, ["extra.clinic.whatsapp must be text"]),
        ({"fone": "+1 555 0100"}, ["extra.clinic.fone is not a clinic detail", "did you mean 'phone'?"]),
        ({"logo": "javascript:alert(1)"}, ["extra.clinic.logo", "'javascript:alert(1)'", "logo: assets/logo.png"]),
        ({"logo": " JaVaScRiPt:alert(1)"}, ["extra.clinic.logo"]),
        ({"logo": "data:image/svg+xml,<svg onload=alert(1)>"}, ["extra.clinic.logo"]),
        ("Little Steps OT", ["extra.clinic must be a set of 'key: value' lines"]),
    ],
)
def test_a_mistake_names_the_file_the_key_and_the_fix(raw, says):
    with pytest.raises(SettingsError) as raised:
        clinic_settings(raw)
    message = str(raised.value)
    assert message.startswith("mkdocs.yml: ")
    for words in says:
        assert words in message


def test_every_mistake_is_reported_at_once():
    with pytest.raises(SettingsError) as raised:
        clinic_settings({"phone": 5550100, "fax": "5550102"})
    lines = str(raised.value).splitlines()
    assert len(lines) == 2
    assert all(line.startswith("mkdocs.yml: extra.clinic.") for line in lines)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"publsh": True}, "mkdocs.yml: extra.editor.publsh is not an editor setting; did you mean 'publish'?"),
        ({"backend": "svn"}, "mkdocs.yml: extra.editor.backend must be one of github, gitlab, gitea, bitbucket"),
        ({"publish": "yes"}, "mkdocs.yml: extra.editor.publish must be true or false (found 'yes')"),
        ({"base_url": "http://auth.example"}, "mkdocs.yml: extra.editor.base_url must be an https:// address"),
        ({"publish": True}, "mkdocs.yml: extra.editor.repo must name the repository the published editor saves to"),
        ("yes", "mkdocs.yml: extra.editor must be a set of 'key: value' lines"),
    ],
)
def test_an_editor_setting_the_build_cannot_use_names_its_key_and_fix(raw, message):
    with pytest.raises(SettingsError) as caught:
        editor_settings(raw)
    assert str(caught.value).startswith(message)


def test_the_editor_is_off_unless_a_setting_asks_for_it():
    assert editor_settings(None).publish is False
    published = editor_settings({"publish": True, "repo": "my-clinic/library"})
    assert (published.backend, published.branch, published.content_folder) == ("github", "main", "content")
