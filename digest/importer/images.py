"""The lead image of a saved page, from the ``_files`` folder the browser saved with it.

A browser's "Save page as" (complete) writes ``Name.html`` and ``Name_files/``
holding the page's pictures, stylesheets and scripts. The lead image is the
picture the page names as its og:image (saved under the same file name), else
the first picture of the main text, if it is really a picture (Pillow opens it)
and big enough not to be a logo or an icon. It is copied into content/images/,
so the site serves it itself: no reader's browser ever calls the outlet's host.
"""

from __future__ import annotations

import shutil
import urllib.parse
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

IMAGES_FOLDER = "images"  # under content/ (digest.ingest.discover leaves its pictures out of the report)
MIN_WIDTH, MIN_HEIGHT = 200, 120  # smaller is a logo, an icon or a spacer
SUFFIX_OF_FORMAT = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "AVIF": ".avif"}


@dataclass(frozen=True)
class LeadImage:
    path: Path  # the saved file
    suffix: str  # by what Pillow found the file to be, not by its name


def find_lead_image(saved_page: Path, sources: tuple[str, ...]) -> LeadImage | None:
    """The saved copy of the first of ``sources`` (addresses as the page gives them) that is a lead image."""
    folders = _files_folders(saved_page)
    for source in sources:
        for path in _saved_copies(saved_page, folders, source):
            found = _picture(path)
            if found is not None:
                return found
    return None


def copy_lead_image(image: LeadImage, content_dir: Path, stem: str) -> str:
    """Copy into content/images/STEM.EXT; return the front matter value (images/STEM.EXT)."""
    relative = f"{IMAGES_FOLDER}/{stem}{image.suffix}"
    target = content_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(image.path, target)
    return relative


def _files_folders(saved_page: Path) -> list[Path]:
    """Name_files/ (Chrome, Firefox, Edge), and the same name with other browsers' endings."""
    folders = [saved_page.with_name(saved_page.stem + "_files")]
    folders += sorted(p for p in saved_page.parent.glob(f"{saved_page.stem}[_-]*")
                      if p.is_dir() and p not in folders)
    return [folder for folder in folders if folder.is_dir()]


def _saved_copies(saved_page: Path, folders: list[Path], source: str):
    """Where the page's saved picture ``source`` may be: the path it names, else its file name."""
    parts = urllib.parse.urlsplit(source)
    name = PurePosixPath(urllib.parse.unquote(parts.path)).name
    if not parts.scheme and not parts.netloc:  # a relative address: the page was saved with it
        candidate = (saved_page.parent / urllib.parse.unquote(parts.path)).resolve()
        if any(candidate.is_relative_to(folder.resolve()) for folder in folders):
            yield candidate
    if name:
        for folder in folders:
            yield folder / name


def _picture(path: Path) -> LeadImage | None:
    if not path.is_file():
        return None
    try:
        with Image.open(path) as image:
            width, height = image.size
            suffix = SUFFIX_OF_FORMAT.get(image.format or "")
            image.verify()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return None
    if suffix is None or width < MIN_WIDTH or height < MIN_HEIGHT:
        return None
    return LeadImage(path, suffix)
