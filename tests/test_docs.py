"""The README and docs/ link to files that exist, and `make help` lists every target of the Makefile."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _pages():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_relative_link_of_the_readme_and_docs_points_at_a_file():
    broken = []
    for page in _pages():
        for target in LINK.findall(page.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")

    assert broken == []


def test_the_readme_links_to_every_docs_page():
    readme = (ROOT / "README.md").read_text()
    pages = {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")}

    assert {page for page in pages if f"]({page})" not in readme} == set()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make (apt-get install make)")
def test_make_help_lists_every_target_with_a_line_and_make_alone_stays_make_run():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z_-]*):[^=#\n]*(?:##.*)?$", makefile, flags=re.MULTILINE))

    listed = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    lines = dict(re.findall(r"^  make (\S+) +(\S.*)$", listed.stdout, flags=re.MULTILINE))
    database = subprocess.run(["make", "-pn", "help"], cwd=ROOT, capture_output=True, text=True, check=True)

    assert set(lines) == targets
    assert {"run", "test", "lint", "format", "help"} <= targets
    assert re.search(r"^\.DEFAULT_GOAL := run$", database.stdout, flags=re.MULTILINE)
