"""content/conclusions.yaml against MATREMI (seed 001): terminology, register and meaning fixes."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nl", "fr", "en")


def texts(doc):
    """Every T of the conclusions document, with a label saying where it is."""
    yield "title", doc.title
    yield "lead", doc.lead
    for section in doc.sections:
        yield f"{section.id}.heading", section.heading
        for i, block in enumerate(section.blocks):
            where = f"{section.id}[{i}]"
            if block.p is not None:
                yield where, block.p
            for j, item in enumerate(block.list or []):
                yield f"{where}.list[{j}]", item
            if block.table is not None:
                if block.table.caption is not None:
                    yield f"{where}.caption", block.table.caption
                for k, cell in enumerate(block.table.header):
                    yield f"{where}.header[{k}]", cell
                for r, row in enumerate(block.table.rows):
                    for k, cell in enumerate(row):
                        yield f"{where}.row[{r}][{k}]", cell


@pytest.fixture(scope="module")
def doc(content):
    return content.conclusions


@pytest.fixture(scope="module")
def section(doc):
    by_id = {s.id: s for s in doc.sections}

    def get(sid, lang):
        s = by_id[sid]
        parts = [s.heading[lang]]
        for block in s.blocks:
            if block.p is not None:
                parts.append(block.p[lang])
            parts.extend(item[lang] for item in block.list or [])
            if block.table is not None:
                t = block.table
                if t.caption is not None:
                    parts.append(t.caption[lang])
                parts.extend(c[lang] for c in t.header)
                parts.extend(c[lang] for row in t.rows for c in row)
        return re.sub(r"\s+", " ", " ".join(parts))

    return get


def whole_word(term):
    return re.compile(r"(?<![\w&])" + re.escape(term) + r"(?![\w&])", re.IGNORECASE)


def test_no_point_median_anywhere(doc):
    bad = [(where, lang) for where, t in texts(doc) for lang in LANGS if "·" in t[lang]]
    assert bad == []


def test_no_slash_gender_forms_in_french(doc):
    pattern = re.compile(r"\b(le/la|du/de la|ils/elles|il/elle|celui/celle)\b")
    bad = [where for where, t in texts(doc) if pattern.search(t.fr)]
    assert bad == []


def terminology():
    return yaml.safe_load((ROOT / "content" / "terminology.yaml").read_text(encoding="utf-8"))


def wrong_renderings():
    terms = terminology()
    out = {"fr": set(terms["calques"]["fr"]), "en": set(terms["calques"]["en"])}
    for term in terms["terms"]:
        for lang, forms in (term.get("wrong") or {}).items():
            out[lang].update(forms)
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_calque_of_terminology_yaml(doc, lang):
    forms = sorted(wrong_renderings()[lang])
    assert forms, "terminology.yaml lists no wrong renderings"
    hits = [
        (where, form)
        for where, t in texts(doc)
        for form in forms
        if whole_word(form).search(t[lang])
    ]
    assert hits == []


def test_calque_check_can_fail():
    sample = "Ils travaillent en ambulant avec un A&D-team."
    assert whole_word("ambulant").search(sample)
    assert whole_word("A&D").search(sample)


def test_cgg_stays_cgg_and_is_glossed(section):
    for sid in ("registration", "flanders-presence-policy", "flanders-inequalities"):
        fr, en = section(sid, "fr"), section(sid, "en")
        assert not re.search(r"\bSSM\b", fr), sid
        assert not re.search(r"\bSSM\b", en), sid
    assert "CGG (centre de santé mentale flamand" in section("registration", "fr")
    assert "CGG (Flemish mental health centre" in section("registration", "en")


def test_english_uses_no_french_quotes(doc):
    bad = [where for where, t in texts(doc) if "«" in t.en or "»" in t.en]
    assert bad == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_title_leads_with_its_own_language(doc, lang):
    title = doc.title[lang]
    assert not re.match(r"(?i)\s*(MATREMI\s*:\s*)?(conclusies|samenvatting)\b", title)
    assert {"fr": "conclusions", "en": "conclusions"}[lang] in title.lower()
