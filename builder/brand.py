"""The organization's brand, from data/toolkit.yml, as the theme takes it: a light and a dark
palette in its colours (with text kept readable on them, as WCAG asks), the logo and tab icon,
and the footer naming the organization and the licence."""

from __future__ import annotations

import colorsys
import html
from typing import Any

from builder.links import scheme_of
from builder.localize import Catalog
from builder.model import Brand, Toolkit

BRAND_FOLDER = "assets/brand/"
"""Where the brand's images go in the site, at their path under content/: a folder of the
builder's, which no page or language folder can take."""
THEME_PRIMARY = "#4051b5"
THEME_ACCENT = "#526cfe"
"""The theme's own indigo, for a brand that gives no colours: made readable in the dark scheme
as the brand's are (the theme's own dark indigo links do not reach WCAG's contrast there)."""


Colour = tuple[float, float, float]
"""Red, green and blue, from 0 to 1."""
WHITE: Colour = (1.0, 1.0, 1.0)
BLACK: Colour = (0.0, 0.0, 0.0)
SLATE: Colour = colorsys.hls_to_rgb(225 / 360, 0.14, 0.15)
"""The theme's dark background (`slate`: hsl(225, 15%, 14%))."""
READABLE = 4.5
"""The contrast WCAG asks of body text (AA)."""


def rgb(hex_colour: str) -> Colour:
    red, green, blue = (int(hex_colour[at:at + 2], 16) / 255 for at in (1, 3, 5))
    return red, green, blue


def hex_of(colour: Colour) -> str:
    return "#" + "".join(f"{round(part * 255):02x}" for part in colour)


def mixed(colour: Colour, other: Colour, share: float) -> Colour:
    """`colour` with `share` of `other` mixed in."""
    red, green, blue = (a + (b - a) * share for a, b in zip(colour, other, strict=True))
    return red, green, blue


LIGHT_GROUND = mixed(WHITE, BLACK, 0.07)
DARK_GROUND = mixed(SLATE, colorsys.hls_to_rgb(225 / 360, 0.9, 0.15), 0.12)
"""The darkest ground of text in the light scheme and the lightest in the dark one: the page
tinted by `--md-default-fg-color--lightest`, under table headings and code. A colour that
reads there reads on the page too."""


def luminance(colour: Colour) -> float:
    """WCAG's relative luminance."""
    red, green, blue = (part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4
                        for part in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: Colour, other: Colour) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(background: Colour) -> str:
    """White or black, whichever reads better on `background`: one of them always reaches
    4.5:1 (the theme's black at 87 % does not on a mid grey)."""
    return "#ffffff" if contrast(WHITE, background) >= contrast(BLACK, background) else "#000000"


def legible(colour: Colour, background: Colour) -> str:
    """`colour` as text on `background`: darkened (on a light background) or lightened (on a
    dark one) just enough to read at the contrast WCAG asks."""
    towards = BLACK if luminance(background) > 0.5 else WHITE
    share = 0.0
    while contrast(mixed(colour, towards, share), background) < READABLE and share < 1:
        share = min(share + 0.05, 1.0)
    return hex_of(mixed(colour, towards, share))


def brand_stylesheet(brand: Brand) -> str:
    """The brand's colours (the theme's indigo where it gives none) as the theme's variables,
    in the light and the dark scheme, links and text on buttons made to read in each."""
    primary, accent = rgb(brand.primary or THEME_PRIMARY), rgb(brand.accent or THEME_ACCENT)
    return "\n".join([
        "/* Made by Toolkit Builder from the brand of data/toolkit.yml. */",
        "[data-md-color-primary=custom] {",
        f"  --md-primary-fg-color: {hex_of(primary)};",
        f"  --md-primary-fg-color--light: {hex_of(mixed(primary, WHITE, 0.2))};",
        f"  --md-primary-fg-color--dark: {hex_of(mixed(primary, BLACK, 0.2))};",
        f"  --md-primary-bg-color: {text_on(primary)};",
        f"  --md-primary-bg-color--light: {text_on(primary)}b3;",
        f"  --md-typeset-a-color: {legible(primary, LIGHT_GROUND)};",
        "}",
        "[data-md-color-scheme=slate][data-md-color-primary=custom] {",
        f"  --md-typeset-a-color: {legible(primary, DARK_GROUND)};",
        "}",
        "[data-md-color-accent=custom] {",
        f"  --md-accent-fg-color--transparent: {hex_of(accent)}1a;",
        *accent_variables(accent, LIGHT_GROUND), "}",
        "[data-md-color-scheme=slate][data-md-color-accent=custom] {",
        *accent_variables(accent, DARK_GROUND), "}"]) + "\n"


def accent_variables(accent: Colour, background: Colour) -> list[str]:
    """The accent on one scheme's background: as text (links under the pointer), and the text
    on it (a button under the pointer)."""
    shown = legible(accent, background)
    return [f"  --md-accent-fg-color: {shown};", f"  --md-accent-bg-color: {text_on(rgb(shown))};",
            f"  --md-accent-bg-color--light: {text_on(rgb(shown))}b3;"]


SCHEMES = (("(prefers-color-scheme: light)", "default", "material/brightness-7"),
           ("(prefers-color-scheme: dark)", "slate", "material/brightness-4"))
"""The light and the dark scheme: the reader's system chooses, the toggle in the header
switches to the other."""


def palette(catalog: Catalog) -> list[dict[str, Any]]:
    """The theme's palette: both schemes, in the colours of `brand_stylesheet`."""
    toggles = {"default": catalog.text("Switch to dark mode"),
               "slate": catalog.text("Switch to light mode")}
    # The theme prints the toggle's name into attributes unescaped.
    return [{"media": media, "scheme": scheme, "primary": "custom", "accent": "custom",
             "toggle": {"icon": icon, "name": html.escape(toggles[scheme])}}
            for media, scheme, icon in SCHEMES]


def footer_line(toolkit: Toolkit, catalog: Catalog) -> str:
    """Who publishes the toolkit and under which licence, linked where its address is given,
    as HTML: the theme prints the copyright line as it is."""
    organization = html.escape(toolkit.organization)
    line = html.escape(catalog.text("Published by {organization}")).format(
        organization=organization)
    licence = html.escape(toolkit.brand.licence)
    if not licence:
        return line
    link = toolkit.brand.licence_link
    if link and scheme_of(link) in ("http", "https"):
        licence = f'<a href="{html.escape(link, quote=True)}">{licence}</a>'
    return line + " · " + html.escape(catalog.text("License: {licence}")).format(licence=licence)


def brand_theme(theme: dict[str, Any], brand: Brand, catalog: Catalog) -> None:
    """The theme's palette, logo and tab icon, from the brand."""
    theme["palette"] = palette(catalog)
    for name in ("logo", "favicon"):
        if getattr(brand, name):
            theme[name] = BRAND_FOLDER + getattr(brand, name)
