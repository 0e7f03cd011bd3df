"""Files under ``content/`` that are published as they are (images beside the prose pages).

Content comes from pull requests, so a file is published only when it is what it claims to be
and lives where it claims to live:

- its real path (links resolved) lies inside the content folder, and no folder on the way to it
  is a symbolic link: a link can point anywhere on the build machine;
- raw HTML is never published unless the site's configuration allows it (``allow_raw_html``):
  a page of our own domain running a contributor's script is the attack we keep out;
- SVG is an image that can carry script: it is published only when ``allow_svg`` is set, and
  then sanitised: only drawing elements and presentation attributes survive, no script, no
  event handlers, no ``foreignObject``, no links outside the file.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

RAW_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht", ".mht", ".mhtml"})
SVG_SUFFIXES = frozenset({".svg", ".svgz"})
MAX_SVG_BYTES = 1024 * 1024

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
SVG_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse",
        "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
        "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "image", "metadata",
    }
)  # fmt: skip
SVG_ATTRIBUTES = frozenset(
    {
        "id", "class", "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy",
        "r", "rx", "ry", "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke",
        "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-dasharray",
        "stroke-dashoffset", "stroke-miterlimit", "opacity", "font-family", "font-size",
        "font-weight", "font-style", "text-anchor", "dominant-baseline", "dx", "dy", "rotate",
        "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
        "fx", "fy", "clip-path", "clip-rule", "mask", "patternUnits", "patternTransform",
        "preserveAspectRatio", "markerWidth", "markerHeight", "refX", "refY", "orient",
        "marker-start", "marker-mid", "marker-end", "visibility", "display", "lang", "version",
        "href", "role", "aria-label", "aria-hidden", "focusable", "xml:space",
    }
)  # fmt: skip
# a reference inside the file (#id) or a url(#id) paint: nothing that leaves it
_LOCAL_REFERENCE = re.compile(r"#[A-Za-z_][\w.-]*")
_URL_VALUE = re.compile(r"url\(\s*['\"]?([^)'\"]*)['\"]?\s*\)", re.IGNORECASE)


class UnsafeSvgError(ValueError):
    """The file is not an SVG document the sanitiser can read."""


@dataclass(frozen=True)
class RawFileVerdict:
    publish: bool
    reason: str = ""  # why not, for the warning that names the file


def judge_raw_file(path: Path, content_root: Path, allow_raw_html: bool, allow_svg: bool) -> RawFileVerdict:
    """May this file under the content folder be published as it is?"""
    escape = link_escape(path, content_root)
    if escape:
        return RawFileVerdict(False, escape)
    suffix = path.suffix.lower()
    if suffix in RAW_HTML_SUFFIXES and not allow_raw_html:
        return RawFileVerdict(False, "raw HTML is not published (set allow_raw_html: true to allow it)")
    if suffix in SVG_SUFFIXES and not allow_svg:
        return RawFileVerdict(False, "SVG is not published (set allow_svg: true; it is then sanitised)")
    return RawFileVerdict(True)


def link_escape(path: Path, content_root: Path) -> str:
    """Why reading ``path`` would leave the content folder, or "" when it stays inside.

    Every folder between the content folder and the file is checked, so a linked folder is
    caught even when its target happens to lie inside the content folder too.
    """
    root = Path(os.path.abspath(content_root))
    here = Path(os.path.abspath(path))
    if not here.is_relative_to(root):
        return "it lies outside the content folder"
    step = root
    for part in here.relative_to(root).parts:
        step = step / part
        if step.is_symlink():
            return f"{step.relative_to(root).as_posix()} is a symbolic link"
    real_root = root.resolve()
    if not here.resolve().is_relative_to(real_root):
        return "it leads outside the content folder"
    return ""


def sanitise_svg(data: bytes) -> bytes:
    """Keep only drawing elements and presentation attributes; raise if it is not SVG.

    The parser never fetches anything (no external entities, no DTDs); a document with a DTD
    is refused outright, since entity tricks are the only reason an image would carry one.
    """
    if len(data) > MAX_SVG_BYTES:
        raise UnsafeSvgError(f"over the {MAX_SVG_BYTES:,}-byte limit for an SVG file")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise UnsafeSvgError("an SVG file may not declare a DOCTYPE or entities")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise UnsafeSvgError(f"not well-formed XML: {error}") from None
    if _local_name(root.tag) != "svg":
        raise UnsafeSvgError("the document's root element is not <svg>")
    _clean(root)
    ElementTree.register_namespace("", _SVG)
    ElementTree.register_namespace("xlink", _XLINK)
    return bytes(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True))


def _clean(element: ElementTree.Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or _local_name(child.tag) not in SVG_ELEMENTS:
            element.remove(child)
        elif not child.tag.startswith("{" + _SVG + "}") and child.tag != _local_name(child.tag):
            element.remove(child)  # an element from another vocabulary (XHTML inside SVG)
        else:
            _clean(child)
    for name in list(element.attrib):
        value = element.attrib[name]
        local = _local_name(name)
        if name.startswith("{" + _XLINK + "}") and local == "href":
            local = "href"
        elif name.startswith("{") and not name.startswith("{http://www.w3.org/XML/1998/namespace}"):
            del element.attrib[name]
            continue
        if local not in SVG_ATTRIBUTES or not _safe_value(local, value):
            del element.attrib[name]


def _safe_value(name: str, value: str) -> bool:
    if name == "href":
        return _LOCAL_REFERENCE.fullmatch(value.strip()) is not None
    return all(_LOCAL_REFERENCE.fullmatch(url.strip()) for url in _URL_VALUE.findall(value))


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
