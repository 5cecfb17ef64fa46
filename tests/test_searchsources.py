"""The worker texts embedded for search from file://: what Material imports, unchanged, and in step with Material."""

import json
import shutil

import pytest

from kennisbank.searchsources import SearchSourcesError, material_imports, worker_paths, write_search_sources


@pytest.mark.parametrize("langs, files", [
    (["en"], []),
    (["nl"], ["min/lunr.stemmer.support.min.js", "min/lunr.nl.min.js"]),
    (["fr", "en"], ["min/lunr.stemmer.support.min.js", "min/lunr.fr.min.js", "min/lunr.multi.min.js"]),
    (["ja"], ["min/lunr.stemmer.support.min.js", "tinyseg.js", "min/lunr.ja.min.js"]),
    (["th"], ["min/lunr.stemmer.support.min.js", "wordcut.js", "min/lunr.th.min.js"]),
])
def test_material_imports_the_lunr_files_of_its_languages(langs, files):
    assert material_imports(langs) == files


def embedded(site) -> dict[str, str]:
    text = (site / "assets" / "kennisbank" / "search-sources.js").read_text(encoding="utf-8")
    head = "window.kbSearchSources = "
    assert text.startswith(head) and text.endswith(";\n")
    return json.loads(text[len(head):-2])


def test_the_built_site_embeds_the_worker_files_unchanged(built):
    sources = embedded(built.site)
    worker = next(p for p in sources if p.startswith("assets/javascripts/workers/"))
    assert sorted(sources) == sorted(["assets/kennisbank/search-worker.js", worker,
                                      "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                                      "assets/javascripts/lunr/min/lunr.nl.min.js", "assets/javascripts/lunr/min/lunr.fr.min.js"])
    for path, text in sources.items():
        assert text == (built.site / path).read_text(encoding="utf-8"), path


@pytest.fixture()
def small_site(built, tmp_path):
    """The parts of the built site that the embedding reads."""
    site = tmp_path / "site"
    for path in ["assets/kennisbank/search-worker.js", *(str(p.relative_to(built.site)) for p in built.site.glob("assets/javascripts/workers/*.js")),
                 "search/search_index.json", "fr/search/search_index.json", "en/search/search_index.json"]:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built.site / path, site / path)
    shutil.copytree(built.site / "assets" / "javascripts" / "lunr", site / "assets" / "javascripts" / "lunr")
    return site


def test_a_wrapper_out_of_step_with_material_stops_the_build(small_site):
    wrapper = small_site / "assets" / "kennisbank" / "search-worker.js"
    shipped = next((small_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    text = wrapper.read_text(encoding="utf-8")
    assert shipped in text
    wrapper.write_text(text.replace(shipped, "search.00000000.min.js"), encoding="utf-8")
    with pytest.raises(SearchSourcesError) as info:
        write_search_sources(small_site)
    assert str(info.value) == ("theme/assets/kennisbank/search-worker.js: MATERIAL names 'search.00000000.min.js', "
                               f"but Material ships {shipped} (set MATERIAL to Material's worker)")
    assert not (small_site / "assets" / "kennisbank" / "search-sources.js").exists()


def test_a_missing_language_file_stops_the_build(small_site):
    (small_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.fr.min.js").unlink()
    assert "assets/javascripts/lunr/min/lunr.fr.min.js" in worker_paths(small_site)
    with pytest.raises(SearchSourcesError) as info:
        write_search_sources(small_site)
    assert str(info.value) == "search worker: Material's files are missing from the site: assets/javascripts/lunr/min/lunr.fr.min.js"
