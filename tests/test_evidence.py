"""Evidence, honestly (issue 14, item 2): every card says how much research backs it, in
both languages, on the page and on paper, linked to the guide that explains the levels;
a card that claims research must cite a checked source."""

from __future__ import annotations

from bs4 import BeautifulSoup
from small_library import EN, messages

from carryover import LANGUAGES
from carryover.model.taxonomy import load_ui
from carryover.render.pages import EVIDENCE_GUIDE


def test_every_card_shows_its_evidence_line_linked_to_the_guide(site, library):
    for lang in LANGUAGES:
        ui = load_ui(lang)
        for card in library.cards.values():
            label = library.taxonomy.evidence_label(card.meta.evidence, lang)
            page = BeautifulSoup(
                (site / lang / "strategies" / card.id / "index.html").read_text("utf-8"), "html.parser"
            )
            line = page.select_one(".co-evidence")
            assert line is not None, (lang, card.id)
            assert line.get_text(" ", strip=True).startswith(f"{ui['evidence_title']} {label}.")
            assert line.find("a")["href"] == f"../../guides/{EVIDENCE_GUIDE}/"
            handout = (site / lang / "strategies" / card.id / "handout" / "index.html").read_text("utf-8")
            assert f"{ui['evidence_title']} {label}." in BeautifulSoup(handout, "html.parser").get_text(" ")


def test_the_evidence_guide_exists_in_both_languages_and_cites_its_sources(site, library):
    guide = library.guides[EVIDENCE_GUIDE]
    assert set(guide.versions) == set(LANGUAGES)
    assert {"aap-2012-sensory-integration", "gringras-2014", "novak-honan-2019"} <= set(guide.meta.sources)
    for lang in LANGUAGES:
        html = (site / lang / "guides" / EVIDENCE_GUIDE / "index.html").read_text("utf-8")
        assert "doi.org/10.1542/peds.2012-0876" in html


def test_sensory_strategies_do_not_claim_research_they_lack(library):
    """The sensory cards explained by mechanism (deep pressure, heavy work, weighted items)
    say research is limited, and cite the AAP statement that says so."""
    for card_id in ("weighted-items-with-guidance", "blanket-burrito", "heavy-work-helpers", "safe-crash-and-jump"):
        meta = library.cards[card_id].meta
        assert meta.evidence == "limited", card_id
        assert "aap-2012-sensory-integration" in meta.sources, card_id
    assert "gringras-2014" in library.cards["weighted-items-with-guidance"].meta.sources


def test_every_card_that_claims_research_cites_a_source(library):
    for card in library.cards.values():
        if library.taxonomy.evidence[card.meta.evidence]["needs_source"]:
            assert card.meta.sources, card.id


def test_supported_without_a_source_is_an_error(content):
    path = content / EN
    path.write_text(path.read_text(encoding="utf-8").replace("evidence: practice", "evidence: supported"))
    assert any(
        ": evidence: 'supported' says research backs this card, so it must cite at least one source" in e
        for e in messages(content)
    )


def test_an_unknown_evidence_level_is_an_error(content):
    path = content / EN
    path.write_text(path.read_text(encoding="utf-8").replace("evidence: practice", "evidence: proven"))
    assert any(": evidence: 'proven' is not an evidence level" in e for e in messages(content))


def test_a_card_without_evidence_is_an_error(content):
    path = content / EN
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.split("\n") if not line.startswith("evidence:")), encoding="utf-8")
    assert any(": evidence: is required but missing" in e for e in messages(content))


def test_signs_pages_print_their_sources_each_in_its_own_language(library):
    from carryover.render.pages import render_sign

    page = render_sign(library.signs["daily-routines"], "es", library).markdown
    assert "## Fuentes {#sources}" in page
    assert '<span lang="es">Centers for Disease Control and Prevention (2026). Indicadores del desarrollo' in page
    assert '<span lang="en">Centers for Disease Control and Prevention' in page
    assert "Última actualización" in page
