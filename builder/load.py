"""Stage 1, load: read the project's YAML into node trees that remember where each value came from.

Nodes (not plain dicts) are kept so that every later message can name the file, line and column.
Duplicate keys, tabs, aliases, non-UTF-8 bytes and oversized files are rejected here. The images
under `content/` are listed too, and read only when the brand names one (`images.image_at`).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.convert import Location
from builder.errors import AuthorError, Problem
from builder.model import COLLECTIONS, Page

MAX_FILE_BYTES = 1_000_000
FRONT_MATTER = re.compile(r"---[ \t]*\r?\n")
"""A front-matter block's first line, with whatever spaces or line ending an editor left."""
TITLE_LINE = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$", re.MULTILINE)


@dataclass
class Source:
    """One YAML file's parsed content, with the path authors know it by."""

    path: str
    node: yaml.Node
    text: str


@dataclass
class Sources:
    """Everything read from `data/` and `content/`, before validation."""

    toolkit: Source
    collections: dict[str, list[Source]]
    pages: list[Page]
    files: dict[str, Path] = field(default_factory=dict)
    """The other files under `content/` (images), by their path there: `images/logo.png`."""


class NodeLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases: rarely meant, and they can explode."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not supported; write the value out",
                problem_mark=event.start_mark)
        return super().compose_node(parent, index)


def relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def unreadable(path: Path, root: Path) -> Problem | None:
    """Why a file of the project may not be read, or None: a link that leads out of the
    file's own folder (`data/`, `content/`, `templates/`; the project itself for mkdocs.yml)
    or into a hidden file (`.env`, `.git/`) or nowhere, a folder where a file is expected, a
    pipe, device or socket, or a file without read permission. Only the file's name is told,
    never anything of what a link leads to."""
    name = relative(path, root)
    home = root / name.split("/", 1)[0] if "/" in name else root
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode
    except (OSError, RuntimeError):
        return Problem(name, 1, 1, "", "is a link that leads nowhere",
                       "remove the link, or make it lead to a file of the project")
    where = None  # where a link on the way leads, if it may not
    if target == Path(os.path.abspath(path)):
        where = None
    elif not target.is_relative_to(root.resolve()):
        where = "outside the project"
    elif not target.is_relative_to(home.resolve()):
        where = f"out of {home.name}/"
    elif any(part.startswith(".") for part in target.relative_to(home.resolve()).parts):
        where = "to a hidden file"
    if where is not None:
        return Problem(name, 1, 1, "", f"is a link that leads {where}",
                       "copy the file here instead of linking to it")
    if stat.S_ISDIR(mode):
        return Problem(name, 1, 1, "", "is a folder, not a file",
                       "rename the folder, or move its files where they are read")
    if not stat.S_ISREG(mode):
        return Problem(name, 1, 1, "", "is not a regular file (a pipe, device or socket)",
                       "replace it with an ordinary file")
    if not os.access(target, os.R_OK):
        return Problem(name, 1, 1, "", "cannot be read (no permission)",
                       "give yourself permission to read it, e.g. `chmod u+r`")
    return None


def project_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """Every readable file under `folder`, in order; what may not be read is recorded in
    `problems` instead. A link to a folder is followed only if it stays in the project."""
    found: list[Path] = []
    seen: set[Path] = set()
    pending = [folder] if folder.is_dir() else []
    while pending:
        current = pending.pop()
        if current.resolve() in seen:
            continue
        seen.add(current.resolve())
        for entry in sorted(current.iterdir(), reverse=True):
            if entry.is_dir() and (not entry.is_symlink()
                                   or entry.resolve().is_relative_to(root.resolve())):
                pending.append(entry)
                continue
            problem = unreadable(entry, root)
            if problem is None:
                found.append(entry)
            else:
                problems.append(problem)
    return sorted(found)


def read_text(path: Path, root: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None after recording why it cannot be read."""
    name = relative(path, root)
    refused = unreadable(path, root)
    if refused is not None:
        problems.append(refused)
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, 1, 1, "", f"file is {size:,} bytes; the limit is "
                                f"{MAX_FILE_BYTES:,}", "split it into several files"))
        return None
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(name, line, 1, "", "file is not UTF-8 text",
                                "save it as UTF-8 (in most editors: Save with encoding → UTF-8)"))
        return None


def tab_problems(text: str, name: str) -> list[Problem]:
    """YAML forbids tabs in indentation; PyYAML's own message for them is cryptic."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(Problem(name, number, indent.index("\t") + 1, "",
                                 "a tab is used for indentation", "indent with spaces only"))
    return found


def syntax_problem(name: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error placed where the author must look, which is often not where YAML
    noticed it: an unclosed quote or bracket is reported where it opens."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(error.problem)
    if "another document" in problem:
        return Problem(name, line, column, "", "the file holds more than one document (a `---` "
                       "line)", "keep one item a file: move what follows `---` into its own file")
    if "aliases" in problem:
        return Problem(name, line, column, "", f"YAML syntax: {problem}",
                       "write the value out in full where it is needed")
    context = str(error.context or "")
    if "flow" in context and error.context_mark is not None:
        opened = error.context_mark
        return Problem(name, opened.line + 1, opened.column + 1, "",
                       f"YAML syntax: the bracket opened here is not closed ({problem})",
                       "close the list with `]` (or the mapping with `}`) on the same line")
    quote = unclosed_quote(text, line)
    if quote is not None:
        return Problem(name, quote[0], quote[1], "", "YAML syntax: the quote opened here is "
                       f"not closed ({problem})", "end the text with the same quote mark")
    return Problem(name, line, column, "", f"YAML syntax: {problem}",
                   "check indentation and quote text that contains `: ` or `#`")


QUOTED_VALUE = re.compile(r"^\s*(?:- |[^#\s][^:#]*:\s+)(?P<quote>[\"'])(?P<rest>.*)$")


def unclosed_quote(text: str, upto: int) -> tuple[int, int] | None:
    """The first line before `upto` whose quoted value never closes, as (line, column)."""
    for number, line in enumerate(text.splitlines()[:upto], start=1):
        match = QUOTED_VALUE.match(line)
        if match is None:
            continue
        quote, rest = match["quote"], match["rest"]
        body = rest.replace("''", "") if quote == "'" else re.sub(r'\\.', "", rest)
        if quote not in body:
            return number, match.start("quote") + 1
    return None


def key_problems(node: yaml.Node, name: str) -> list[Problem]:
    """Keys given twice in a mapping (YAML would keep the last silently), and keys that are a
    list or a mapping (`? [a, b]`), which no field is named by."""
    found = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            mark = key.start_mark
            if not isinstance(key, yaml.ScalarNode):
                found.append(Problem(name, mark.line + 1, mark.column + 1, "",
                                     "a key here is a list or a mapping",
                                     "write each field as `name: value`, the name in words"))
            elif key.value in seen:
                found.append(Problem(name, mark.line + 1, mark.column + 1, str(key.value),
                                     f"duplicate key (first given on line {seen[key.value]})",
                                     "keep one of them; YAML would silently drop the first"))
            else:
                seen[key.value] = mark.line + 1
            found.extend(key_problems(value, name))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(key_problems(item, name))
    return found


MAX_DEPTH = 30
"""How deeply lists and mappings may nest; the deepest field of the model is under ten."""
NESTING_START = re.compile(r"^[ \t?:-]*", re.MULTILINE)
BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str) -> tuple[int, int] | None:
    """Where a file's lists and mappings first nest deeper than MAX_DEPTH, as (line, column),
    or None. Such a file would exhaust the parser's stack; a cheap bound (each level of block
    nesting takes a column, each of flow nesting a bracket) spares most files the exact count
    by YAML's event parser, which keeps no stack of its own."""
    block = max((len(match.group()) for match in NESTING_START.finditer(text)), default=0)
    flow = depth = 0
    for match in BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        flow = max(flow, depth)
    if block + flow < MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH and mark is not None:
                    return mark.line + 1, mark.column + 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error, reported when the file is composed
    return None


FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file: control characters but tab and line breaks."""


def forbidden_character(text: str, name: str) -> Problem | None:
    """The first character of a file that YAML refuses (a NUL or bell byte pasted in), placed
    and named; PyYAML's own error for it names no file."""
    match = FORBIDDEN.search(text)
    if match is None:
        return None
    where = Location.at_offset(name, "", text, match.start())
    return Problem(name, where.line, where.column, "",
                   f"the file holds the control character U+{ord(match.group()):04X}",
                   "delete it: it is invisible in most editors, so delete the character at "
                   "this place and type it again")


def tree_of(node: yaml.Node, seen: set[int]) -> bool:
    """True if no node of the tree appears twice (as an alias makes it), with plain scalars
    marked `style=None` as the pure-Python composer marks them (libyaml says '')."""
    if id(node) in seen:
        return False
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        node.style = node.style or None
        return True
    if isinstance(node, yaml.MappingNode):
        return all(tree_of(key, seen) and tree_of(value, seen) for key, value in node.value)
    return all(tree_of(item, seen) for item in node.value)


def compose(text: str) -> yaml.Node | None:
    """The file's node tree, composed by libyaml (ten times faster than PyYAML's own parser).

    Anything unusual (a syntax error, an alias) is composed again by `NodeLoader`, whose errors
    are the ones `syntax_problem` knows how to explain.
    """
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        node = None
    else:
        if node is None or tree_of(node, set()):
            return node
    return yaml.compose(text, Loader=NodeLoader)


Parsed = dict[str, tuple[bytes, Source]]
"""Files parsed by an earlier load, by path, with the bytes they were parsed from."""


def parse_yaml(path: Path, root: Path, problems: list[Problem],
               parsed: Parsed | None = None) -> Source | None:
    """The file's node tree; taken from `parsed` when the file's bytes have not changed since."""
    if parsed is None or unreadable(path, root) or path.stat().st_size > MAX_FILE_BYTES:
        return parse_file(path, root, problems)
    raw = path.read_bytes()
    if str(path) in parsed and parsed[str(path)][0] == raw:
        return parsed[str(path)][1]
    source = parse_file(path, root, problems)
    if source is not None:
        parsed[str(path)] = (raw, source)
    return source


def text_problems(text: str, name: str) -> list[Problem]:
    """What would keep a file from being parsed, or crash the parser: tabs in indentation,
    control characters, nesting deeper than MAX_DEPTH."""
    tabs = tab_problems(text, name)
    if tabs:
        return tabs
    forbidden = forbidden_character(text, name)
    if forbidden is not None:
        return [forbidden]
    deep = too_deep(text)
    if deep is not None:
        return [Problem(name, deep[0], deep[1], "", f"lists and mappings nest more than "
                        f"{MAX_DEPTH} levels deep here", "check the indentation and the "
                        "brackets: no field of a toolkit is nested this deeply")]
    return []


def parse_file(path: Path, root: Path, problems: list[Problem]) -> Source | None:
    name = relative(path, root)
    text = read_text(path, root, problems)
    if text is None:
        return None
    unparsable = text_problems(text, name)
    if unparsable:
        problems.extend(unparsable)
        return None
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as error:
        problems.append(syntax_problem(name, text, error))
        return None
    if node is None:
        problems.append(Problem(name, 1, 1, "", "file is empty",
                                "fill it in (see docs/fields.md) or delete it"))
        return None
    keys = key_problems(node, name)
    problems.extend(keys)
    return None if keys else Source(name, node, text)


def load_page(path: Path, root: Path, problems: list[Problem]) -> Page | None:
    text = read_text(path, root, problems)
    if text is None:
        return None
    forbidden = forbidden_character(text, relative(path, root))
    if forbidden is not None:
        problems.append(forbidden)
        return None
    if FRONT_MATTER.match(text):
        problems.append(Problem(relative(path, root), 1, 1, "", "front matter is not supported",
                                "remove the `---` block; the title comes from the `# Title` line"))
        return None
    match = TITLE_LINE.search(text)
    if not match:
        problems.append(Problem(relative(path, root), 1, 1, "", "page has no `# Title` line",
                                "start the page with a line like `# About this toolkit`"))
        return None
    page_path = path.relative_to(root / "content").as_posix()
    return Page(path=page_path, title=match["title"], markdown=text)


def data_files(root: Path, problems: list[Problem]) -> dict[str, list[Path]]:
    """The YAML files of each collection under data/; anything else there is reported by
    name, so that no file is left out without a word: a misnamed file or folder, a folder
    inside a collection's folder, a file that is not .yml."""
    data = root / "data"
    found: dict[str, list[Path]] = {folder: [] for folder in COLLECTIONS}
    expected = [*COLLECTIONS, "toolkit.yml"]
    for entry in sorted(data.iterdir()) if data.is_dir() else []:
        if entry.name == "toolkit.yml":
            continue
        if entry.name in COLLECTIONS and entry.is_dir():
            for path in sorted(entry.iterdir()):
                name = relative(path, root)
                refused = unreadable(path, root)
                if path.is_dir() and not path.name.endswith((".yml", ".yaml")):
                    problems.append(Problem(name, 1, 1, "", "is a folder inside "
                                            f"data/{entry.name}/, which is not read",
                                            f"move its files into data/{entry.name}/, or the "
                                            "folder out of data/"))
                elif refused is not None:
                    problems.append(refused)
                elif path.suffix not in (".yml", ".yaml"):
                    problems.append(Problem(name, 1, 1, "", "only .yml files are read here",
                                            "rename it to end in .yml, or move it out of data/"))
                else:
                    found[entry.name].append(path)
            continue
        close = difflib.get_close_matches(entry.name, expected, n=1, cutoff=0.6)
        hint = (f"did you mean `data/{close[0]}`?" if close else
                "data/ holds toolkit.yml and the folders " + ", ".join(COLLECTIONS))
        problems.append(Problem(relative(entry, root), 1, 1, "", "is not read by the builder",
                                hint))
    return found


def load_project(root: Path, parsed: Parsed | None = None) -> Sources:
    """Parse every file of the project, or raise AuthorError listing every file that fails.

    `parsed` keeps the parsed files between loads (`toolkit serve`), so that only files changed
    since are parsed again."""
    problems: list[Problem] = []
    toolkit_path = root / "data" / "toolkit.yml"
    if not toolkit_path.exists() and not toolkit_path.is_symlink():
        raise AuthorError([Problem("data/toolkit.yml", 1, 1, "", "file is missing",
                                   "every project needs data/toolkit.yml with its title")])
    toolkit = parse_yaml(toolkit_path, root, problems, parsed)
    collections = {folder: [source for path in paths
                            if (source := parse_yaml(path, root, problems, parsed)) is not None]
                   for folder, paths in data_files(root, problems).items()}
    content = project_files(root / "content", root, problems)
    pages = [load_page(path, root, problems) for path in content if path.suffix == ".md"]
    files = {path.relative_to(root / "content").as_posix(): path for path in content
             if path.suffix != ".md"}
    project_files(root / "templates", root, problems)  # only to report what may not be read
    if problems or toolkit is None:
        raise AuthorError(problems)
    return Sources(toolkit, collections, [page for page in pages if page is not None], files)
