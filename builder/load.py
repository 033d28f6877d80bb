"""Stage 1, load: read the project's YAML into node trees that remember where each value came from.

Nodes (not plain dicts) are kept so that every later message can name the file, line and column.
Duplicate keys, tabs, aliases, non-UTF-8 bytes and oversized files are rejected here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.errors import AuthorError, Problem
from builder.model import COLLECTIONS, Page

MAX_FILE_BYTES = 1_000_000
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


def read_text(path: Path, root: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None after recording why it cannot be read."""
    name = relative(path, root)
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


def duplicate_keys(node: yaml.Node, name: str) -> list[Problem]:
    found = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            mark = key.start_mark
            if key.value in seen:
                found.append(Problem(name, mark.line + 1, mark.column + 1, str(key.value),
                                     f"duplicate key (first given on line {seen[key.value]})",
                                     "keep one of them; YAML would silently drop the first"))
            else:
                seen[key.value] = mark.line + 1
            found.extend(duplicate_keys(value, name))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(duplicate_keys(item, name))
    return found


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
    if parsed is None or path.stat().st_size > MAX_FILE_BYTES:
        return parse_file(path, root, problems)
    raw = path.read_bytes()
    if str(path) in parsed and parsed[str(path)][0] == raw:
        return parsed[str(path)][1]
    source = parse_file(path, root, problems)
    if source is not None:
        parsed[str(path)] = (raw, source)
    return source


def parse_file(path: Path, root: Path, problems: list[Problem]) -> Source | None:
    name = relative(path, root)
    text = read_text(path, root, problems)
    if text is None:
        return None
    tabs = tab_problems(text, name)
    if tabs:
        problems.extend(tabs)
        return None
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as error:
        problems.append(syntax_problem(name, text, error))
        return None
    if node is None:
        problems.append(Problem(name, 1, 1, "", "file is empty",
                                "fill it in (see the README's field reference) or delete it"))
        return None
    dupes = duplicate_keys(node, name)
    problems.extend(dupes)
    return None if dupes else Source(name, node, text)


def yaml_files(folder: Path) -> list[Path]:
    return sorted(path for pattern in ("*.yml", "*.yaml") for path in folder.glob(pattern))


def load_page(path: Path, root: Path, problems: list[Problem]) -> Page | None:
    text = read_text(path, root, problems)
    if text is None:
        return None
    if text.startswith("---\n"):
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


def stray_data_files(root: Path) -> list[Problem]:
    """Files in data/ that no kind reads: a misnamed folder would otherwise vanish silently."""
    found = []
    expected = [*COLLECTIONS, "toolkit.yml"]
    for entry in sorted((root / "data").iterdir()):
        if entry.name in expected:
            if entry.is_dir():
                found += [Problem(relative(path, root), 1, 1, "", "only .yml files are read here",
                                  "rename it to end in .yml, or move it out of data/")
                          for path in sorted(entry.rglob("*"))
                          if path.is_file() and path.suffix not in (".yml", ".yaml")]
            continue
        close = difflib.get_close_matches(entry.name, expected, n=1, cutoff=0.6)
        hint = (f"did you mean `data/{close[0]}`?" if close else
                "data/ holds toolkit.yml and the folders " + ", ".join(COLLECTIONS))
        found.append(Problem(relative(entry, root), 1, 1, "", "is not read by the builder", hint))
    return found


def load_project(root: Path, parsed: Parsed | None = None) -> Sources:
    """Parse every file of the project, or raise AuthorError listing every file that fails.

    `parsed` keeps the parsed files between loads (`toolkit serve`), so that only files changed
    since are parsed again."""
    problems: list[Problem] = []
    toolkit_path = root / "data" / "toolkit.yml"
    if not toolkit_path.is_file():
        raise AuthorError([Problem("data/toolkit.yml", 1, 1, "", "file is missing",
                                   "every project needs data/toolkit.yml with its title")])
    toolkit = parse_yaml(toolkit_path, root, problems, parsed)
    collections: dict[str, list[Source]] = {}
    for folder in COLLECTIONS:
        read = [parse_yaml(path, root, problems, parsed)
                for path in yaml_files(root / "data" / folder)]
        collections[folder] = [source for source in read if source is not None]
    problems += stray_data_files(root)
    content = root / "content"
    pages = [load_page(path, root, problems) for path in sorted(content.rglob("*.md"))]
    if problems or toolkit is None:
        raise AuthorError(problems)
    return Sources(toolkit, collections, [page for page in pages if page is not None])
