"""The one typeface of the posters and diagrams: Atkinson Hyperlegible (SIL OFL 1.1).

The font files come from the `fontpkg-atkinson-hyperlegible` package. Rendering with
cairosvg goes through fontconfig; `write_fontconfig` writes a fonts.conf that knows only
the Regular and Bold files, so the output never depends on the fonts of the machine.
FONTCONFIG_FILE must point at it before fontconfig is first used in a process (the
poster build renders in a subprocess for that reason).
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import fontpkg_atkinson_hyperlegible as _pkg

FAMILY: str = _pkg.FAMILY  # "Atkinson Hyperlegible": the single font-family name in our SVG
STYLES = ("Regular", "Bold")


class FontNotFound(RuntimeError):
    pass


def font_path(style: str = "Regular") -> Path:
    """Path of AtkinsonHyperlegible-<style>.ttf (style: Regular or Bold)."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}")
    path = Path(_pkg.ROOT) / "files" / f"AtkinsonHyperlegible-{style}.ttf"
    if not path.is_file():
        raise FontNotFound(f"{path} is missing: reinstall fontpkg-atkinson-hyperlegible")
    return path


def font_paths() -> dict[str, Path]:
    return {style: font_path(style) for style in STYLES}


def licence_path() -> Path:
    """The font's licence (SIL Open Font License 1.1), to ship next to anything embedding the font."""
    path = Path(_pkg.ROOT) / "LICENSE"
    if not path.is_file():
        raise FontNotFound(f"{path} is missing")
    return path


@lru_cache(maxsize=None)
def font_version() -> str:
    from fontTools.ttLib import TTFont

    return TTFont(font_path("Regular"), lazy=True)["name"].getDebugName(5) or ""


def write_fontconfig(directory: Path) -> Path:
    """Write `directory/fonts.conf` knowing only Atkinson Hyperlegible Regular and Bold.

    The two files are copied into `directory/fonts/` (fontconfig scans directories, and the
    package also holds the italics we do not use); the cache goes to `directory/cache/`.
    Returns the path of fonts.conf, for the FONTCONFIG_FILE environment variable.
    """
    directory = Path(directory).resolve()
    fonts_dir = directory / "fonts"
    cache_dir = directory / "cache"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for path in font_paths().values():
        target = fonts_dir / path.name
        if not target.exists() or target.read_bytes() != path.read_bytes():
            shutil.copyfile(path, target)
    conf = directory / "fonts.conf"
    conf.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{escape(str(fonts_dir))}</dir>
  <cachedir>{escape(str(cache_dir))}</cachedir>
  <config><rescan><int>0</int></rescan></config>
  <!-- every family request resolves to the one shipped family -->
  <match target="pattern">
    <edit name="family" mode="assign" binding="strong"><string>{escape(FAMILY)}</string></edit>
  </match>
</fontconfig>
""",
        encoding="utf-8",
    )
    return conf
