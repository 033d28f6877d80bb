"""Generate a synthetic but realistic toolkit of any size, the same every run.

Why: the example toolkit has about 36 pages, too few to see how search, the build or PDFs scale.
Benchmarks need toolkits of hundreds or thousands of pages that pass `toolkit check` and read
like real ones (varied names, partners, statuses and dots), and that are identical from run to
run so figures compare. Every module and community is drawn from its own seeded random stream,
so item 40 is the same whether 50 or 5,000 are generated.

The project holds the repository's templates/, content/, mkdocs.yml and the example's
toolkit.yml, events, exercises and worksheets. Its first five modules and first two communities
are the example's own (every link in toolkit.yml, content/ and events leads to them); the rest
are variants of them.

Run: .venv/bin/python benchmarks/generate.py OUT --communities 700 --modules 270
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SEED = "toolkit-bench-1"

PLACES = ["Cedar", "Maple", "Willow", "Granite", "Harbor", "Pine", "Red Oak", "Silver",
          "Bramble", "Copper", "Elm", "Falcon", "Juniper", "Lark", "Mill", "North Fork",
          "Otter", "Prairie", "Quarry", "Stone", "Tamarack", "Union", "Wren", "Birch",
          "Clearwater", "Dover", "Fairview", "Glen", "Hollow", "Iron"]
ENDINGS = ["Falls", "Springs", "Crossing", "Ridge", "Valley", "Bend", "Creek", "County",
           "Heights", "Landing", "Point", "Harbor", "Junction", "Grove", "Hills"]
STATES = ["Ohio", "Oregon", "Maine", "Iowa", "Texas", "Georgia", "Montana", "Vermont",
          "Kansas", "Michigan", "Nevada", "Alabama", "Colorado", "Idaho", "Utah"]
PEOPLE = ["Rosa", "Amir", "Lena", "Tomas", "Grace", "Kwame", "Mei", "Dmitri", "Aisha", "Hank",
          "Priya", "Luis", "Noor", "Otis", "Ines", "Jun", "Maribel", "Sven", "Tariq", "Yara"]
SAINTS = ["Brendan", "Agnes", "Martin", "Clare", "Vincent", "Jude", "Monica", "Francis"]
# (partner type, name pattern): {place} is the community, {person} and {saint} a name.
PARTNERS = [
    ("Business", "{person}'s Corner Market"), ("Business", "{person}'s Laundromat"),
    ("Business", "{place} Hardware & Feed"), ("Business", "{person}'s Diner"),
    ("Library", "{place} Public Library"), ("Emergency services", "{place} Fire Department"),
    ("Emergency services", "{place} Ambulance Service"), ("Law enforcement", "{place} Police"),
    ("Law enforcement", "{place} Sheriff's Office"), ("Health care", "{place} Community Clinic"),
    ("Health care", "{place} Regional Hospital"), ("Property owner", "{place} Housing Partners"),
    ("Property owner", "{person} Property Management"), ("Transportation", "{place} Transit"),
    ("Faith-based meal program", "St. {saint}'s Evening Canteen"),
    ("Faith-based food program", "{place} Interfaith Pantry"),
    ("Education", "{place} Community College"), ("City government", "{place} Code Enforcement"),
    ("County government", "{place} Veterans Services"), ("Port authority", "Port of {place}"),
]
TOPICS = ["Rural Outreach", "Faith Partners", "Landlord Engagement", "Youth Homelessness",
          "Veterans", "Health Partnerships", "Public Libraries", "Business Allies",
          "Emergency Services", "Transit Access", "Data Sharing", "Coordinated Entry"]
FOCUS = ["Mapping", "Recruiting", "Keeping", "Reaching", "Briefing", "Convening", "Pitching to"]
WHO = ["Corner Stores", "Librarians", "Fire Crews", "Property Managers", "Pantries",
       "Clinics", "Bus Drivers", "Sheriffs", "Employers", "Colleges", "Congregations"]
SETTINGS = ["river town", "coastal county", "mill town", "rural county", "college town",
            "suburb", "mountain town", "farming county", "port city", "border town"]


class NoAliases(yaml.SafeDumper):
    """Write repeated objects in full: the loader refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def text_block(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    """Multi-line text as a `|` block, the way the example is written."""
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


NoAliases.add_representer(str, text_block)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, schema: str, data: dict[str, Any]) -> None:
    head = f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n"
    body = yaml.dump(data, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(head + body, encoding="utf-8")


def variant_module(base: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    """A module shaped like `base`: new number, title and opening, activities reordered."""
    module = copy.deepcopy(base)
    topic, focus, who = rng.choice(TOPICS), rng.choice(FOCUS), rng.choice(WHO)
    place = f"{rng.choice(PLACES)} {rng.choice(ENDINGS)}"
    module["number"] = number
    module["title"] = f"{topic}: {focus} {who} in {place}"
    opening = (f"A session for teams in {place} on {focus.lower()} {who.lower()}, part of the "
               f"{topic.lower()} track.\n\n")
    overview = module["overview"]  # a text, or one per language
    module["overview"] = ({language: opening + text for language, text in overview.items()}
                          if isinstance(overview, dict) else opening + overview)
    rng.shuffle(module["activities"])
    return module


def variant_partner(place: str, shape: tuple[str, str], pool: list[dict[str, Any]], status: str,
                    *, rank: dict[str, int], rng: random.Random) -> dict[str, Any]:
    """A partner named and typed after `shape`, its texts from an example partner of its kind."""
    kind, pattern = shape
    fits = [p for p in pool if p["status"] == status]
    partner = copy.deepcopy(rng.choice([p for p in fits if p["type"] == kind] or fits))
    partner["name"] = pattern.format(place=place, person=rng.choice(PEOPLE),
                                     saint=rng.choice(SAINTS))
    partner["type"] = kind
    partner["impact"] = rng.choice(["asset", "impediment", "both"])
    if status == "potential":
        dot = rng.choice(["green", "green", "yellow", "yellow", "red"])
        rank[dot] = rank.get(dot, 0) + 1
        partner["dot"], partner["rank"] = dot, rank[dot]
        if dot == "red":
            partner.pop("timeline", None)
    return partner


def variant_community(name: str, state: str, pool: list[dict[str, Any]],
                      qualities: list[str], rng: random.Random) -> dict[str, Any]:
    setting, people = rng.choice(SETTINGS), rng.randrange(4, 300) * 500
    statuses = ["potential"] * rng.randint(4, 10) + ["current"] * rng.randint(1, 4)
    rng.shuffle(statuses)
    rank: dict[str, int] = {}
    shapes = rng.sample(PARTNERS, len(statuses))
    partners = [variant_partner(name, shape, pool, status, rank=rank, rng=rng)
                for shape, status in zip(shapes, statuses, strict=True)]
    return {
        "name": name,
        "location": f"{name}, {state}",
        "description": (f"A {setting} of about {people:,} people in {state}. Its team filled in "
                        f"these sheets to widen the circle of partners working on "
                        f"homelessness, starting with {partners[0]['name']}."),
        "qualities": rng.sample(qualities, rng.randint(2, 4)),
        "partners": partners,
    }


def copy_example(out: Path) -> None:
    """The repository's templates, content and settings, and the example's shared data."""
    for part in ("templates", "content"):
        shutil.copytree(REPO / part, out / part, dirs_exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", out / "mkdocs.yml")
    (out / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "data" / "toolkit.yml", out / "data" / "toolkit.yml")
    for folder in ("exercises", "worksheets", "events"):
        shutil.copytree(REPO / "data" / folder, out / "data" / folder, dirs_exist_ok=True)


def generate(out: Path, communities: int, modules: int) -> Path:
    """Write a toolkit project with `modules` modules and `communities` communities to `out`.

    At least the example's five modules and two communities: the example's own links need them.
    Returns `out`.
    """
    base_modules = sorted((REPO / "data" / "modules").glob("*.yml"))
    base_communities = sorted((REPO / "data" / "communities").glob("*.yml"))
    if modules < len(base_modules) or communities < len(base_communities):
        raise ValueError(f"need at least {len(base_modules)} modules and "
                         f"{len(base_communities)} communities (the example's own)")
    copy_example(out)
    for folder, bases in (("modules", base_modules), ("communities", base_communities)):
        (out / "data" / folder).mkdir(exist_ok=True)
        for path in bases:
            shutil.copy2(path, out / "data" / folder / path.name)
    templates = [read(path) for path in base_modules]
    for index in range(len(base_modules), modules):
        rng = random.Random(f"{SEED}-module-{index}")
        module = variant_module(templates[index % len(templates)], index + 1, rng)
        write(out / "data" / "modules" / f"{slug(module['title'])}-{index}.yml", "module", module)
    examples = [read(path) for path in base_communities]
    pool = [partner for community in examples for partner in community["partners"]]
    qualities = [quality for community in examples for quality in community["qualities"]]
    taken = {path.stem for path in base_communities}
    for index in range(len(base_communities), communities):
        rng = random.Random(f"{SEED}-community-{index}")
        name, state = f"{rng.choice(PLACES)} {rng.choice(ENDINGS)}", rng.choice(STATES)
        ident = slug(f"{name} {state}")
        ident = ident if ident not in taken else f"{ident}-{index}"
        taken.add(ident)
        community = variant_community(name, state, pool, qualities, rng)
        write(out / "data" / "communities" / f"{ident}.yml", "community", community)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the project into")
    parser.add_argument("--communities", type=int, default=2)
    parser.add_argument("--modules", type=int, default=5)
    args = parser.parse_args()
    generate(args.out, args.communities, args.modules)
    print(f"wrote {args.out}: {args.modules} modules, {args.communities} communities")


if __name__ == "__main__":
    main()
