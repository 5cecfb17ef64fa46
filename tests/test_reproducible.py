"""Two builds with the same SOURCE_DATE_EPOCH give the same bytes: posters, diagrams, exports, site, bundle."""

from pathlib import Path

from conftest import EPOCH

# Files allowed to differ between two builds, each with its reason. None today.
ALLOWED_TO_DIFFER: dict[str, str] = {}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(built, tmp_path, monkeypatch):
    from kennisbank.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("KB_NO_POSTER_CACHE", "1")  # render the posters again rather than reuse the first build's
    build(site=tmp_path / "site", dist=tmp_path / "dist", quiet=True)
    first, second = _files(built.site), _files(tmp_path / "site")
    assert sorted(first) == sorted(second)
    differ = sorted(name for name in first if first[name] != second[name] and name not in ALLOWED_TO_DIFFER)
    assert differ == []
    posters = [n for n in first if n.startswith("downloads/posters/")]
    assert len([n for n in posters if n.endswith(".pdf")]) == 9
    assert _files(built.dist) == _files(tmp_path / "dist")
