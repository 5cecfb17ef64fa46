"""The one build entry point: validate, posters, pages, site, exports, offline bundle."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .content import ContentError, load_content
from .paths import UnsafePath, inside
from .runtime import BuildLock, Interrupted, LockedError, exchange, on_signals, run_folder, signals_blocked
from .runtime import _alive as pid_alive
from .settings import LANGS, SITE_NAME
from .textlayout import TextOverflowError

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"


class Steps:
    def __init__(self, quiet: bool = False):
        self.timings: dict[str, float] = {}
        self.quiet = quiet

    @contextmanager
    def step(self, name: str):
        start = time.perf_counter()
        box: dict[str, str] = {}
        yield box
        took = time.perf_counter() - start
        self.timings[name] = took
        if not self.quiet:
            print(f"{name}: {box.get('msg', 'done')} ({took:.1f} s)", flush=True)


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _theme(target: Path) -> None:
    from .fonts import font_paths, licence_path

    fonts_cache = BUILD / "webfonts"
    fonts_cache.mkdir(parents=True, exist_ok=True)
    for path in font_paths().values():
        web_font(path, fonts_cache / f"{path.stem}.woff2")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "theme", target)
    fonts = target / "assets" / "kennisbank" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for path in font_paths().values():
        shutil.copy2(fonts_cache / f"{path.stem}.woff2", fonts / f"{path.stem}.woff2")
    shutil.copy2(licence_path(), fonts / "OFL.txt")


# Latin letters with the accents of Dutch, French and English, punctuation, symbols the texts use.
WEB_FONT_UNICODES = "U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20AC,U+2122,U+2190-2193,U+2212"


def web_font(source: Path, target: Path) -> None:
    """A WOFF2 subset of the font for the site (about a third of the TTF), rebuilt only when missing."""
    if target.exists():
        return
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "calt"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(WEB_FONT_UNICODES))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def _diagrams(content) -> dict[str, str]:
    from .diagram import render_organisation_diagram

    return {lang: render_organisation_diagram(content.organisation, lang) for lang in LANGS}


POSTER_INPUTS = ("infographic", "kennisbank/posters.py", "kennisbank/scene.py", "kennisbank/palette.py",
                 "kennisbank/textlayout.py", "kennisbank/typography.py", "kennisbank/fonts.py", "kennisbank/poster_model.py", "kennisbank/diagram.py")


def _poster_key(content) -> str:
    """A digest of everything the posters depend on: rebuilt only when one of these changes."""
    import hashlib

    from .fonts import font_paths
    from .settings import SITE_URL

    digest = hashlib.sha256()
    digest.update(content.poster.model_dump_json().encode())
    digest.update(SITE_URL.encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    paths: list[Path] = []
    for name in POSTER_INPUTS:
        path = ROOT / name
        paths += sorted(path.rglob("*")) if path.is_dir() else [path]
    paths += list(font_paths().values())
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _posters(content, content_dir: Path) -> tuple[Path, tuple[int, int], bool]:
    """The folder of posters for this content (rendered only when the inputs changed), preview size, reused.

    Before rendering, every language and size is laid out, so that all texts that do not fit are reported at once.
    """
    from .glyphs import poster_layout_problems
    from .posters import build_posters
    from .settings import SITE_URL
    from .yamlsource import load

    cache = BUILD / "posters-cache" / _poster_key(content)
    reused = cache.is_dir() and not os.environ.get("KB_NO_POSTER_CACHE")
    if not reused:
        problems = poster_layout_problems(load(content_dir / "poster.yaml", "content/poster.yaml"), content.poster)
        if problems:
            raise ContentError(problems)
        tmp = cache.with_name(f"{cache.name}.tmp-{os.getpid()}")
        if tmp.exists():
            shutil.rmtree(tmp)
        try:
            build_posters(content.poster, tmp, SITE_URL)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        for old in cache.parent.glob("*"):
            if old != tmp:
                shutil.rmtree(old)
        tmp.replace(cache)
    from PIL import Image

    with Image.open(cache / "poster-nl-preview.png") as img:
        size = img.size
    return cache, size, reused


def mkdocs_build(site_dir: Path, date: dt.date, content_dir: Path) -> None:
    """Run mkdocs in this process (strict), collecting its warnings for a clear error."""
    import io
    import logging

    from mkdocs.commands.build import build as mkdocs
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.update(KB_BUILD_DATE=date.isoformat(), KB_CONTENT_DIR=str(content_dir), NO_MKDOCS_2_WARNING="1")
    messages = io.StringIO()
    handler = logging.StreamHandler(messages)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        mkdocs(config)
    except (MkDocsException, SystemExit) as exc:
        raise BuildError(f"mkdocs build failed: {exc}\n{messages.getvalue().strip()}") from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class BuildError(Exception):
    pass


def check_languages(pages: dict[str, list[str]]) -> None:
    """Every page exists in every language: no silent fallback to Dutch."""
    every = set().union(*pages.values())
    missing = [f"docs/{lang}/{name}: missing (it exists in another language)" for lang in LANGS for name in sorted(every - set(pages[lang]))]
    if missing:
        raise BuildError("\n".join(missing))


README_FIRST = """\
NEDERLANDS
Dubbelklik op start.html om de site te openen. Alles werkt zonder internet:
de aanbevelingen, de zoekfunctie, de soorten hulp en de posters.
Kopieer de hele map (niet alleen start.html) naar een USB-stick of een gedeelde map.
Versie van {date}.

FRANÇAIS
Double-cliquez sur start.html pour ouvrir le site. Tout fonctionne sans internet :
les recommandations, la recherche, les types d'aide et les affiches.
Copiez tout le dossier (pas seulement start.html) sur une clé USB ou dans un dossier partagé.
Version du {date}.

ENGLISH
Double-click start.html to open the site. Everything works without internet:
the recommendations, search, the kinds of help and the posters.
Copy the whole folder (not only start.html) to a USB stick or a shared folder.
Version of {date}.
"""

# The bundle's entry page: the home of the browser's language, or a choice of the three.
START_PAGE = (Path(__file__).parent / "templates" / "start.html").read_text(encoding="utf-8")


def write_bundle(site: Path, dist: Path, date: dt.date) -> Path:
    """The zip is written beside the old one and renamed over it; older bundles go only after that."""
    dist.mkdir(parents=True, exist_ok=True)
    name = f"{SITE_NAME}-offline-{date.isoformat()}"
    target = dist / f"{name}.zip"
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)

    def add(zf: zipfile.ZipFile, arcname: str, data: bytes) -> None:
        info = zipfile.ZipInfo(f"{name}/{arcname}", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        zf.writestr(info, data, compresslevel=1)

    for stale in dist.glob(f".{SITE_NAME}-offline-*.zip.tmp-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not (pid.isdigit() and pid_alive(int(pid))):
            stale.unlink()
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            add(zf, "start.html", START_PAGE.encode())
            add(zf, "LEES MIJ EERST - LISEZ-MOI - READ ME FIRST.txt", README_FIRST.format(date=date.isoformat()).encode())
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    add(zf, f"site/{path.relative_to(site).as_posix()}", path.read_bytes())
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    for old in dist.glob(f"{SITE_NAME}-offline-*.zip"):
        if old != target:
            old.unlink()
    return target


@dataclass
class Outcome:
    """What a build did to site/, so that a failure says what is true."""

    site: Path
    had_site: bool = False
    replaced: bool = False

    def unchanged(self) -> str:
        name = f"{self.site.name}/"
        if self.replaced:
            return f"the new {name} is in place, but the offline bundle was not updated"
        return f"the previous {name} is unchanged" if self.had_site else f"there is no {name} (no previous build)"


def _recover(site: Path) -> str | None:
    """After a build killed between the two renames of the fallback swap: put the previous site back."""
    old = site.parent / f".{site.name}-old"
    if old.is_dir() and not site.exists():
        old.replace(site)
        return f"recovered {site.name}/ from a build that was interrupted while swapping"
    return None


def _remove_stale(site: Path) -> None:
    for stale in site.parent.glob(f".{site.name}-new-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not (pid.isdigit() and pid_alive(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)
    old = site.parent / f".{site.name}-old"
    if old.exists() and site.exists():
        shutil.rmtree(old, ignore_errors=True)


def _pause(point: str) -> None:
    """Test hook: KB_PAUSE_AT=<point>:<seconds> stops the build there, to kill it at that moment."""
    wanted = os.environ.get("KB_PAUSE_AT", "")
    if wanted.split(":")[0] == point:
        print(f"pause: {point}", flush=True)
        time.sleep(float(wanted.split(":")[1]))


def swap(new_site: Path, site: Path, outcome: Outcome) -> None:
    """Put new_site in place of site, all or nothing: an atomic exchange where the system has one, else two
    renames (a kill between them is repaired by the next build's `_recover`). No signal handler runs inside."""
    old = site.parent / f".{site.name}-old"
    with signals_blocked():
        if not site.exists():
            new_site.replace(site)
            leftover = None
        elif exchange(new_site, site):
            leftover = new_site
        else:
            if old.exists():
                shutil.rmtree(old)
            site.replace(old)
            _pause("between-renames")
            new_site.replace(site)
            leftover = old
        outcome.replaced = True
    if leftover is not None:
        shutil.rmtree(leftover)


def build(content_dir: Path = ROOT / "content", site: Path = ROOT / "site", dist: Path = ROOT / "dist", quiet: bool = False,
          outcome: Outcome | None = None, wait: bool = True) -> Steps:
    """One build, holding build/build.lock: a second build waits (or, with wait=False, refuses)."""
    lock = BuildLock(BUILD / "build.lock")
    lock.acquire(wait=wait)
    try:
        outcome = outcome or Outcome(site)
        recovered = _recover(site)
        if recovered and not quiet:
            print(recovered, flush=True)
        outcome.had_site = site.exists()
        _remove_stale(site)
        with run_folder(BUILD):
            return _build(content_dir, site, dist, quiet, outcome)
    finally:
        lock.release()


def _generate(content, content_dir: Path, diagrams, preview):
    """The pages; a ui string that a page needs but ui.yaml lacks is a content error, not a traceback."""
    import re

    from jinja2.exceptions import UndefinedError

    from .pages import generate
    from .yamlsource import Problem, load

    try:
        return generate(content, ROOT / "docs", BUILD / "docs", diagrams, preview)
    except UndefinedError as exc:
        match = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", str(exc))
        name = next((g for g in (match.groups() if match else ()) if g), str(exc))
        located = load(content_dir / "ui.yaml", "content/ui.yaml")
        raise ContentError([Problem(located.file, located.line_of(("strings",)), "strings",
                                    f"missing text {name!r} (a page uses it; add it in nl, fr and en)")]) from None


def _build(content_dir: Path, site: Path, dist: Path, quiet: bool, outcome: Outcome) -> Steps:
    from .exports import write_exports
    from .searchsources import SearchSourcesError, write_search_sources
    from .searchsplit import split_search_index

    steps = Steps(quiet)
    date = build_date()
    with steps.step("validate") as s:
        content = load_content(content_dir, poster_layout=False)
        s["msg"] = (
            f"{len(content.recommendations)} recommendations, {len(content.guide.kinds)} kinds of help, "
            f"{len(content.glossary.terms)} glossary terms, 0 errors"
        )
    with steps.step("posters") as s:
        posters_dir, preview, reused = _posters(content, content_dir)
        posters = list(posters_dir.iterdir())
        s["msg"] = (
            f"{len([p for p in posters if p.suffix == '.pdf'])} PDF, {len([p for p in posters if p.suffix == '.svg'])} SVG"
            + (" (unchanged, reused)" if reused else "")
        )
    with steps.step("diagrams") as s:
        diagrams = _diagrams(content)
        s["msg"] = f"{len(diagrams)} organisation diagrams"
    with steps.step("pages") as s:
        pages = _generate(content, content_dir, diagrams, preview)
        check_languages(pages)
        _theme(BUILD / "theme")
        s["msg"] = ", ".join(f"{lang}: {len(p)} pages" for lang, p in pages.items())
    site.parent.mkdir(parents=True, exist_ok=True)
    new_site = site.parent / f".{site.name}-new-{os.getpid()}"  # beside the target, so that the swap is a rename
    if new_site.exists():
        shutil.rmtree(new_site)
    try:
        with steps.step("mkdocs") as s:
            mkdocs_build(new_site, date, content_dir)
            s["msg"] = f"{sum(1 for _ in new_site.rglob('*.html'))} HTML files"
        with steps.step("search") as s:
            counts = split_search_index(new_site)
            try:
                embedded = write_search_sources(new_site)
            except SearchSourcesError as exc:
                raise BuildError(str(exc)) from None
            s["msg"] = ", ".join(f"{lang}: {n} entries" for lang, n in counts.items()) + f"; {len(embedded)} worker files for file://"
        with steps.step("exports") as s:
            files = write_exports(content, inside(new_site, new_site / "downloads"))
            shutil.copytree(posters_dir, inside(new_site, new_site / "downloads" / "posters"))
            s["msg"] = f"{len(files)} files (CSV, JSON), posters copied"
        with steps.step("swap") as s:
            _pause("swap")
            swap(new_site, site, outcome)
            s["msg"] = f"site in {site.relative_to(ROOT) if site.is_relative_to(ROOT) else site}"
    finally:
        if new_site.exists():
            shutil.rmtree(new_site, ignore_errors=True)
    with steps.step("bundle") as s:
        bundle = write_bundle(site, dist, date)
        s["msg"] = f"{bundle.relative_to(ROOT) if bundle.is_relative_to(ROOT) else bundle} ({bundle.stat().st_size / 1e6:.1f} MB)"
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the site, posters, exports and offline bundle.")
    parser.add_argument("--no-wait", action="store_true", help="refuse to start while another build is running")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    outcome = Outcome(ROOT / "site")
    try:
        with on_signals():
            build(outcome=outcome, wait=not args.no_wait)
    except LockedError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ContentError as exc:
        exc.report(f"; nothing was built, {outcome.unchanged()}")
        return 1
    except (BuildError, UnsafePath, TextOverflowError) as exc:
        print(exc, file=sys.stderr)
        print(f"build failed; {outcome.unchanged()}", file=sys.stderr)
        return 1
    except Interrupted as exc:
        print(f"build interrupted by {exc}; {outcome.unchanged()}", file=sys.stderr)
        return 128 + exc.signum
    from .settings import site_url_warning

    if site_url_warning():  # the posters' QR codes point to the placeholder address
        print(site_url_warning(), file=sys.stderr)
    print(f"total: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
