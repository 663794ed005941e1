"""The README's findings are what `analysis findings` prints, and its figures exist.

The refresher is a tool of the repository (tools/readme.py), not part of the
installed package.
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_tool():
    spec = importlib.util.spec_from_file_location("readme_tool", ROOT / "tools" / "readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme = _readme_tool()


def test_readme_findings_are_current():
    assert readme.main(["--check"]) == 0, "README findings are stale: run `make readme`"


def test_readme_key_figures_are_committed_beside_their_tables():
    text = readme.README.read_text(encoding="utf-8")
    for name in readme.KEY_FIGURES:
        assert f"docs/figures/{name}.png" in text
        assert (readme.FIGURES_DIR / f"{name}.png").is_file()
        assert (readme.FIGURES_DIR / f"{name}.csv").is_file()


def test_replace_section_keeps_what_is_outside_the_markers():
    text = f"a\n{readme.START}\nold\n{readme.END}\nb\n"
    assert readme.replace_section(text, "new\n") == f"a\n{readme.START}\nnew\n{readme.END}\nb\n"


def test_the_refresher_is_not_part_of_the_installed_package():
    assert importlib.util.find_spec("analysis.readme") is None
