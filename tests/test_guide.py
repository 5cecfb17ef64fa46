"""The kinds of help and the organisation page: complete, traceable, in three languages."""


import pytest


KINDS = ["informal-care", "street-work", "primary-care", "msoc", "day-centres", "cgg", "day-treatment",
         "homeless-services", "cic", "epsi", "paaz", "pz", "tg", "sheltered-housing"]
CATEGORIES = ["informal", "street-work", "primary-care", "ambulant", "semi-residential", "residential"]
CONTACTS = {
    "AA": "03 239 14 15",
    "Al-Anon": "03 218 50 56",
    "SOS Nuchterheid": "09 330 35 25",
    "Werkgroep tegen Gokverslaving": "02 532 58 26",
    "Anonieme Gokkers": "051 63 38 23",
    "DrugLijn": "078 15 10 20",
    "Vlastrov": "03 340 49 23",
}


@pytest.fixture(scope="module")
def guide(content):
    return content.guide


def test_fourteen_kinds_in_the_guides_groups(guide):
    assert [k.id for k in guide.kinds] == KINDS
    assert [c.id for c in guide.categories] == CATEGORIES
    order = [CATEGORIES.index(k.category) for k in guide.kinds]
    assert order == sorted(order)


def test_every_stated_attribute_is_traceable(guide):
    missing = []
    for kind in guide.kinds:
        for key, attr in kind.attributes:
            if attr.stated and not (attr.basis and all(attr.basis[lang].strip() for lang in ("nl", "fr", "en"))):
                missing.append(f"{kind.id}.{key}")
            if not attr.stated and attr.basis:
                missing.append(f"{kind.id}.{key}: basis without a value")
    assert missing == []


def test_attributes_the_guide_states(guide):
    kinds = {k.id: k for k in guide.kinds}
    assert kinds["epsi"].attributes.length.stated and "5" in kinds["epsi"].attributes.length.value.nl + kinds["epsi"].attributes.length.value.en.replace("five", "5")
    assert kinds["paaz"].attributes.length.stated
    assert kinds["msoc"].attributes.substitution.value == "yes"
    assert {k.attributes.setting.value for k in guide.kinds if k.category == "residential"} == {"residential"}
    assert {k.attributes.setting.value for k in guide.kinds if k.category == "semi-residential"} == {"semi-residential"}


def test_every_kind_says_what_the_studies_say_about_access(guide):
    for kind in guide.kinds:
        assert kind.access, kind.id
    kinds = {k.id: k for k in guide.kinds}
    texts = lambda kid: " ".join(b.p.nl for b in kinds[kid].access if b.p) + " ".join(i.nl for b in kinds[kid].access if b.list for i in b.list)
    assert "taal" in texts("paaz").lower()
    assert "wachtlijst" in texts("cgg").lower()


def test_contacts(guide):
    by_name = {c.name.nl: c for c in guide.contacts}
    for name, phone in CONTACTS.items():
        match = [c for n, c in by_name.items() if n.startswith(name)]
        assert match and match[0].phone == phone, name
    assert any("Toxan" in c.name.nl and c.phone is None for c in guide.contacts)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_contacts_are_tel_links_on_every_language_site(built, lang):
    root = built.site if lang == "nl" else built.site / lang
    html = (root / "help" / "index.html").read_text(encoding="utf-8")
    for phone in CONTACTS.values():
        assert f'href="tel:+32{phone[1:].replace(" ", "")}"' in html


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_organisation_page_embeds_its_diagram(built, lang):
    root = built.site if lang == "nl" else built.site / lang
    html = (root / "organisation.html").read_text(encoding="utf-8")
    assert "<svg" in html and 'role="img"' in html and f'<html lang="{lang}"' in html
