"""Author errors: every problem of a run is collected, then reported at once, no traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in an author's file, located as precisely as the loader knows."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:"
        subject = f" {self.field}:" if self.field else ""
        text = f"{where}{subject} {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class AuthorError(Exception):
    """The toolkit's files have mistakes; nothing was written. The CLI exits with status 2."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field))
        super().__init__(self.report())

    def __reduce__(self) -> tuple[type[AuthorError], tuple[list[Problem]]]:
        """Pickled with its problems, so that a build process can hand it to the parent."""
        return (AuthorError, (self.problems,))

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(problem) for problem in self.problems]
        return "\n".join([*lines, f"{count} {noun} found; nothing was built."])
