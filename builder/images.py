"""Images of `content/` a site may show (the brand's logo and tab icon): of a kind every browser
shows, what their file ending says, within the size limit, and, for an SVG, nothing that could
run or fetch something when a reader opens it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from builder.load import MAX_FILE_BYTES

IMAGE_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP",
               ".ico": "ICO", ".svg": "SVG"}
"""The images every browser shows (a logo, a tab icon), by the ending of their file."""
SIGNATURES = {"PNG": (b"\x89PNG\r\n\x1a\n",), "JPEG": (b"\xff\xd8\xff",),
              "GIF": (b"GIF87a", b"GIF89a"), "ICO": (b"\x00\x00\x01\x00",)}
"""How a file of each kind begins (WebP and SVG are told apart otherwise)."""


@dataclass(frozen=True)
class Refusal:
    """Why an image of `content/` cannot be shown, and what to do about it."""

    message: str
    hint: str


def image_at(files: dict[str, Path], name: str) -> bytes | Refusal:
    """The image at `name` under content/ (one of `files`), or why the site cannot show it."""
    if name in files:
        return image_bytes(files[name], name)
    images = [path for path in files if PurePosixPath(path).suffix.lower() in IMAGE_KINDS]
    close = difflib.get_close_matches(name, images, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean `{close[0]}`?"
    elif images:
        hint = "images under content/: " + ", ".join(f"`{path}`" for path in images)
    else:
        hint = ("put the image under content/ (e.g. content/images/logo.png) and give its path "
                "there: `images/logo.png`")
    return Refusal(f"no file content/{name}", hint)


def image_bytes(path: Path, name: str) -> bytes | Refusal:
    """The image at content/`name`, or why the site may not show it: a kind every browser
    shows, what its ending says, within the size limit, and, for an SVG, nothing that could
    run or fetch (see `svg_refusal`)."""
    kind = IMAGE_KINDS.get(PurePosixPath(name).suffix.lower())
    if kind is None:
        return Refusal(f"content/{name} is not an image the site can show",
                       "use a PNG, JPEG, GIF, WebP, ICO or SVG file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Refusal(f"content/{name} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                       "save the image smaller: a logo or a tab icon needs a few kilobytes")
    data = path.read_bytes()
    if kind == "SVG":
        return svg_refusal(data, name) or data
    webp = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if not (webp if kind == "WebP" else data.startswith(SIGNATURES[kind])):
        return Refusal(f"content/{name} is not a {kind} image",
                       f"save it again as {kind}, or give the file the ending of its kind "
                       "(`.png`, `.jpg`, `.svg`…)")
    return data


SVG = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style", "path", "rect",
    "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "image",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow",
    "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
    "feMergeNode", "feMorphology", "feOffset"})
"""What an SVG draws with: no `script`, `foreignObject` (a web page inside), `a` (a link) or
animation (`set` can turn a link into a script)."""
INERT = ("{http://www.inkscape.org/namespaces/inkscape}",
         "{http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd}",
         "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}", "{http://creativecommons.org/ns#}",
         "{http://purl.org/dc/elements/1.1/}")
"""Elements drawing programs add that browsers ignore: Inkscape's settings, the metadata."""
OWN_PART = re.compile(r"#[^\s]*|data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*",
                      re.IGNORECASE)
"""A reference an SVG may make: to a part of itself, or to a raster image inside it."""
OUTSIDE = re.compile(r"url\(\s*['\"]?(?!#)|@import", re.IGNORECASE)
"""A style that fetches something: `url(…)` but to a part of the image itself, or `@import`."""


def svg_refusal(data: bytes, name: str) -> Refusal | None:
    """Why an SVG may not be shown, or None. Opened by itself (a reader clicks the logo's
    address), an SVG runs as a page of the site, scripts and all; so it may hold only the
    drawing elements of `SVG_ELEMENTS` (and `INERT` ones), no event attribute (`onload`), and
    no reference but to its own parts: no DOCTYPE, no entity, no processing instruction."""
    hint = ("export it as plain SVG without scripts, links or images from elsewhere, or save it "
            "as PNG")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return Refusal(f"content/{name} is not an SVG image saved as UTF-8 text",
                       "save it again as SVG in UTF-8, the encoding drawing programs use")
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return Refusal(f"content/{name} declares a DOCTYPE or an entity, which can fetch or "
                       "expand other content", hint)
    if re.search(rb"<\?(?!xml[\s?])", data):
        return Refusal(f"content/{name} holds a processing instruction (`<?xml-stylesheet …?>`), "
                       "which can load a stylesheet from elsewhere", hint)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        root = None
    if root is None or root.tag != SVG + "svg":
        return Refusal(f"content/{name} is not an SVG image",
                       "save it again as SVG, or give the file the ending of its kind")
    found = next((what for element in root.iter() if (what := unsafe_part(element))), None)
    if found is None:
        return None
    return Refusal(f"content/{name} holds {found}, which could run or fetch something in the "
                   "reader's browser", hint)


def unsafe_part(element: ElementTree.Element) -> str | None:
    """What of one SVG element `svg_refusal` refuses, in words, or None."""
    local = element.tag.rpartition("}")[2]
    if element.tag.startswith(SVG) and local not in SVG_ELEMENTS:
        return f"a `<{local}>` element"
    if not element.tag.startswith((SVG, *INERT)):
        return f"a `<{local}>` element from outside SVG"
    if local == "style" and OUTSIDE.search(element.text or ""):
        return "a style that loads something from elsewhere"
    return next((what for name, value in element.attrib.items()
                 if (what := unsafe_attribute(name.rpartition("}")[2], value))), None)


def unsafe_attribute(name: str, value: str) -> str | None:
    """What of one attribute of an SVG element `svg_refusal` refuses, in words, or None."""
    if name.lower().startswith("on"):
        return f"an event attribute (`{name}`)"
    if name == "href" and not OWN_PART.fullmatch(value.strip()):
        return f"a reference to `{value[:60]}`"
    if OUTSIDE.search(value):
        return f"a style that loads something from elsewhere (`{name}`)"
    return None
