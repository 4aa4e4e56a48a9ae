"""Where the font files are: Python packages, the usual system folders, fontconfig.

reportlab embeds TrueType outlines only (`.ttf`, or a font of a `.ttc` collection); the Chinese font is
the exception: it ships with PostScript outlines and `exports.cjk` converts it. `exports.fonts` registers
what is found here.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class FaceSource:
    """Where one face may be found: a file in a Python package, system paths, a fontconfig pattern."""

    package: str | None
    file: str | None
    pattern: str
    system: tuple[str, ...] = ()
    probe: str = "a"
    """A character the face must have to be taken (fontconfig answers with *some* font for any pattern)."""
    folder: str = "files"
    """The file's folder inside the package (fontpkg packages keep their fonts in files/)."""


DEJAVU = "/usr/share/fonts/truetype/dejavu/"


def family(package: str, files: str, pattern: str, dejavu: str, probe: str = "a") -> dict[str, FaceSource]:
    """The four faces of a family: `files` and `dejavu` hold `{style}` (Regular, Bold, Italic, BoldItalic)."""
    names = {"regular": ("Regular", ""), "bold": ("Bold", "-Bold"), "italic": ("Italic", "-Oblique")}
    names["bold_italic"] = ("BoldItalic", "-BoldOblique")
    return {
        style: FaceSource(
            package, files.format(style=name), f"{pattern}:style={name}", (dejavu.format(style=suffix),), probe
        )
        for style, (name, suffix) in names.items()
    }


FAMILIES: dict[str, dict[str, FaceSource]] = {
    "sans": family("fontpkg_pt_sans", "PT_Sans-Web-{style}.ttf", "PT Sans", DEJAVU + "DejaVuSans{style}.ttf"),
    "naskh": family("fontpkg_amiri", "Amiri-{style}.ttf", "Amiri", DEJAVU + "DejaVuSans{style}.ttf", "\u0645"),
}
FALLBACKS: dict[str, FaceSource] = {
    "latin": FaceSource("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf", "Noto Sans", (DEJAVU + "DejaVuSans.ttf",)),
    "arabic": FaceSource("fontpkg_amiri", "Amiri-Regular.ttf", "Amiri", (DEJAVU + "DejaVuSans.ttf",), "\u0645"),
    "cjk": FaceSource("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf", ":lang=zh", (), "\u4e2d", folder=""),
    "symbols": FaceSource(None, None, "DejaVu Sans", (DEJAVU + "DejaVuSans.ttf",)),
}


def _fontconfig(*args: str) -> str:
    command = shutil.which(args[0])
    if command is None:
        return ""
    try:
        return subprocess.run([command, *args[1:]], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def fc_match(pattern: str) -> Path | None:
    """The file fontconfig picks for a pattern, when fontconfig is installed and picks a .ttf file."""
    found = _fontconfig("fc-match", "-f", "%{file}", pattern).strip()
    return Path(found) if found.lower().endswith(".ttf") and Path(found).is_file() else None


def find_face(source: FaceSource, override: Path | None = None) -> Path | None:
    """The first existing file for a face: the override, the package file, system paths, fontconfig."""
    if override is not None and override.is_file():
        return override
    if source.package and source.file:
        try:
            root = resources.files(source.package)
            packaged = root.joinpath(source.folder, source.file) if source.folder else root.joinpath(source.file)
            if packaged.is_file():
                return Path(str(packaged))
        except ModuleNotFoundError:
            pass
    for path in (Path(p) for p in source.system):
        if path.is_file():
            return path
    return None if source.pattern.startswith(":") else fc_match(source.pattern)


def collection_size(path: Path) -> int:
    """How many fonts a file holds: a TrueType collection (.ttc) says so in its header, other files hold one."""
    if path.suffix.lower() != ".ttc":
        return 1
    with path.open("rb") as handle:
        header = handle.read(12)
    return int.from_bytes(header[8:12], "big") if header[:4] == b"ttcf" else 1
