"""Stage 4, write: put the rendered pages, assets and MkDocs configuration in the generated folder.

The configuration carries the brand of data/toolkit.yml (builder/brand.py): logo, tab icon,
footer, and a light and a dark scheme in the brand's colours (`assets/brand.css`).

Only files whose content changed are rewritten and stale ones are deleted, so `mkdocs serve`
reloads exactly what an edit touched and never loops on its own output.
"""

from __future__ import annotations

import copy
import html
import shutil
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from builder.brand import BRAND_FOLDER, brand_stylesheet, brand_theme, footer_line
from builder.errors import AuthorError, Problem
from builder.images import Refusal, image_bytes
from builder.load import parse_yaml
from builder.localize import language_folder, load_catalog
from builder.model import CUE_KINDS, Brand, Project, translations
from builder.theme import Templates

if TYPE_CHECKING:
    from builder.build import Prepared
    from builder.render import Rendered

GENERATED = "build"
"""The generated folder under the project: `build/docs/` and `build/mkdocs.yml`."""



def write_if_changed(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


OWNED_HINTS = {
    "site_name": "remove it; the site's title comes from data/toolkit.yml",
    "docs_dir": "remove it; the builder writes the pages into build/docs",
    "site_dir": "remove it; the site is always built into site/",
    "nav": "remove it; the builder makes the navigation from data/ and content/",
    "use_directory_urls": "remove it; pages link to each other by their folder addresses",
    "copyright": "remove it; the footer names data/toolkit.yml's `organization` and its "
                 "`brand: {licence: …}`",
}
"""Keys the builder sets in the generated configuration; `mkdocs.yml` must leave them out."""
THEME_OWNED_HINTS = {
    "palette": "remove it; the site has a light and a dark scheme, in the colours given as "
               "`brand: {primary: \"#rrggbb\", accent: \"#rrggbb\"}` in data/toolkit.yml",
    "logo": "remove it; give the logo as `brand: {logo: images/logo.png}` in data/toolkit.yml, "
            "the image under content/",
    "favicon": "remove it; give the tab icon as `brand: {favicon: images/favicon.png}` in "
               "data/toolkit.yml, the image under content/",
}
"""Keys of `theme:` the builder sets from the brand of data/toolkit.yml."""


def base_config(root: Path) -> dict[str, Any]:
    """The project's own `mkdocs.yml`: theme, Markdown extensions and plugins."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise AuthorError([Problem("mkdocs.yml", 1, 1, "", "file is missing",
                                   "copy it from the Toolkit Builder repository")])
    problems: list[Problem] = []
    source = parse_yaml(path, root, problems)
    if source is None:
        raise AuthorError(problems)
    try:
        config = yaml.safe_load(source.text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise AuthorError([Problem("mkdocs.yml", line, 1, "", "a value here is not plain YAML",
                                   "keep mkdocs.yml to plain YAML (no !!python tags)")]) from None
    if not isinstance(config, dict) or not isinstance(source.node, yaml.MappingNode):
        raise AuthorError([Problem("mkdocs.yml", 1, 1, "", "expected a mapping of settings")])
    owned = [Problem("mkdocs.yml", key.start_mark.line + 1, key.start_mark.column + 1,
                     key.value, "is set by the builder", OWNED_HINTS[key.value])
             for key, _ in source.node.value if key.value in OWNED_HINTS]
    owned += theme_settings(source.node) + search_plugins(source.node)
    owned += extended_lists(source.node)
    if owned:
        raise AuthorError(owned)
    return config


def theme_settings(node: yaml.MappingNode) -> list[Problem]:
    """The brand's settings (`theme.palette`, `theme.logo`, `theme.favicon`) given in
    mkdocs.yml: one place says how the site looks, data/toolkit.yml."""
    theme = next((value for key, value in node.value if key.value == "theme"), None)
    if not isinstance(theme, yaml.MappingNode):
        return []
    return [Problem("mkdocs.yml", key.start_mark.line + 1, key.start_mark.column + 1,
                    f"theme.{key.value}", "is set by the builder", THEME_OWNED_HINTS[key.value])
            for key, _ in theme.value if key.value in THEME_OWNED_HINTS]


EXTENDED = ("extra_css", "extra_javascript")
"""Lists of mkdocs.yml that the builder adds its own files to."""


def extended_lists(node: yaml.MappingNode) -> list[Problem]:
    """`extra_css: style.css` written as one file: a list is expected, which the builder's own
    stylesheet and script are added to."""
    return [Problem("mkdocs.yml", key.start_mark.line + 1, key.start_mark.column + 1, key.value,
                    "expected a list of files",
                    f"write it as a list: `{key.value}: [{getattr(value, 'value', '') or 'file'}]`")
            for key, value in node.value
            if key.value in EXTENDED and not isinstance(value, yaml.SequenceNode)]


SEARCH_PLUGINS = {"search", "material/search"}


def search_plugins(node: yaml.MappingNode) -> list[Problem]:
    """The theme's search plugin, listed under `plugins:`: the builder indexes with Pagefind."""
    plugins = next((value for key, value in node.value if key.value == "plugins"), None)
    if not isinstance(plugins, yaml.SequenceNode):
        return []
    names = [(item.value[0][0] if isinstance(item, yaml.MappingNode) and item.value else item)
             for item in plugins.value]
    return [Problem("mkdocs.yml", name.start_mark.line + 1, name.start_mark.column + 1,
                    "plugins", f"the `{name.value}` plugin is replaced by the builder's search",
                    "remove it; the builder indexes every page for search itself (Pagefind)")
            for name in names if getattr(name, "value", None) in SEARCH_PLUGINS]


CUE_STYLES = "assets/cues.css"
SEARCH_STYLES = "assets/search.css"
"""The search page's look: Pagefind's interface fitted to the theme."""
HOME_STYLES = "assets/home.css"
BRAND_STYLES = "assets/brand.css"
"""The brand's colours as the theme's variables, made from data/toolkit.yml."""
FILL_STYLES, FILL_SCRIPT = "assets/fill.css", "assets/fill.js"
"""Sheets filled in on the page, kept on the reader's device (`data-tk-sheet`)."""
LIVE_STYLES, LIVE_SCRIPT = "assets/live.css", "assets/live.js"
"""Live mode: a module's script or a run sheet step by step, full screen (`div.tk-live`)."""
def cue_stylesheet() -> str:
    """Each kind of cue's colour and icon (one line a kind, from `CUE_KINDS`); toolkit.css holds
    the one rule every cue shares, which reads them."""
    lines = ["/* Made by Toolkit Builder from builder/model.py's CUE_KINDS. */"]
    for kind, look in CUE_KINDS.items():
        svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
               f'<path d="{look.icon}"/></svg>')
        icon = "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(svg, safe="")
        lines.append(f'.md-typeset .admonition.{kind} {{ --tk-cue: {look.colour}; '
                     f'--tk-cue-icon: url("{icon}"); }}')
    return "\n".join(lines) + "\n"


def site_config(root: Path, base: dict[str, Any], project: Project,
                rendered: Rendered) -> dict[str, Any]:
    """The project's `mkdocs.yml` plus what the builder owns: title, docs, navigation, assets,
    and with several languages, the theme's language and its language selector."""
    config = copy.deepcopy(base)
    toolkit = project.toolkit
    folder = rendered.folder
    catalog = load_catalog(Templates.of(root), rendered.language)
    title = (translations(toolkit.title) or {}).get(rendered.language, toolkit.title)
    config["site_name"] = html.escape(title)  # the theme prints it unescaped
    config["docs_dir"] = "docs"
    config["nav"] = rendered.nav
    if config.get("site_url") and folder:
        config["site_url"] = f"{str(config['site_url']).rstrip('/')}/{folder}"
    if isinstance(config.get("theme"), dict):
        config["theme"]["language"] = rendered.language
        brand_theme(config["theme"], toolkit.brand, catalog)
    config["copyright"] = footer_line(toolkit, catalog)
    config.setdefault("extra", {}).setdefault("generator", False)  # no "Made with" line
    if len(toolkit.languages) > 1:
        up = "../" if folder else "./"
        config.setdefault("extra", {})["alternate"] = [
            {"name": load_catalog(Templates.of(root), code).name, "lang": code,
             "link": up + language_folder(project, code)} for code in toolkit.languages]
    config.setdefault("plugins", [])  # MkDocs would otherwise add its own search
    config["extra_css"] = ["assets/toolkit.css", FILL_STYLES, LIVE_STYLES, SEARCH_STYLES,
                           CUE_STYLES, HOME_STYLES, BRAND_STYLES, *config.get("extra_css", [])]
    config["extra_javascript"] = ["assets/toolkit.js", FILL_SCRIPT, LIVE_SCRIPT,
                                  *config.get("extra_javascript", [])]
    theme = config.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    return config


def write_docs(root: Path, prepared: Prepared, binaries: dict[str, bytes]) -> list[str]:
    """Write the generated folder, one docs folder and configuration per language (`build/`,
    then `build/es/` and so on); returns the paths that changed or were removed."""
    changed: list[str] = []
    images = brand_images(root, prepared.project.toolkit.brand)
    for rendered in prepared.renditions:
        folder = rendered.folder
        own = {document.path: binaries[folder + document.path]
               for document in rendered.documents} | images
        changed += [folder + path for path in write_language(root / GENERATED / folder, root,
                                                             prepared, rendered, own)]
    # Every declared language's folder is kept, rendered now or not (`toolkit serve` renders
    # the default alone); only a language the toolkit no longer has is removed.
    project = prepared.project
    folders = [language_folder(project, code) for code in project.toolkit.languages]
    for stale in (root / GENERATED).iterdir() if (root / GENERATED).is_dir() else []:
        if (stale.is_dir() and (stale / "mkdocs.yml").is_file()
                and f"{stale.name}/" not in folders):
            shutil.rmtree(stale)
    return changed


def brand_images(root: Path, brand: Brand) -> dict[str, bytes]:
    """The brand's logo and tab icon, by their place in the site (`BRAND_FOLDER`), read before
    anything is written: a file changed since the check is refused then."""
    images: dict[str, bytes] = {}
    for name in dict.fromkeys(path for path in (brand.logo, brand.favicon) if path):
        found = image_bytes(root / "content" / name, name)
        if isinstance(found, Refusal):
            raise AuthorError([Problem(f"content/{name}", 1, 1, "", found.message, found.hint)])
        images[BRAND_FOLDER + name] = found
    return images


def write_language(out: Path, root: Path, prepared: Prepared, rendered: Rendered,
                   binaries: dict[str, bytes]) -> list[str]:
    """Write one language's docs folder and configuration into `out`."""
    docs = out / "docs"
    files = {path: text.encode("utf-8") for path, text in rendered.pages.items()} | binaries
    for name, asset in Templates.of(root).files("assets").items():
        files[f"assets/{name}"] = asset.read_bytes()
    files[CUE_STYLES] = cue_stylesheet().encode("utf-8")
    files[BRAND_STYLES] = brand_stylesheet(prepared.project.toolkit.brand).encode("utf-8")
    changed = [path for path, content in files.items() if write_if_changed(docs / path, content)]
    for stale in sorted(docs.rglob("*"), reverse=True) if docs.is_dir() else []:
        relative = stale.relative_to(docs).as_posix()
        if stale.is_file() and relative not in files:
            stale.unlink()
            changed.append(relative)
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    config = site_config(root, prepared.config, prepared.project, rendered)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    write_if_changed(out / "mkdocs.yml", text.encode("utf-8"))
    return changed

