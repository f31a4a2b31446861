"""The clinic's details (mkdocs.yml: extra.clinic): checked before anything is built, and
every mistake named with its file, its key and the fix."""

import pytest

from carryover.model.settings import ClinicSettings, SettingsError, SiteSettings, clinic_settings


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
