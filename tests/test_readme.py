"""The README's findings are what `analysis findings` prints, and its figures exist."""

from analysis import paths, readme


def test_readme_findings_are_current():
    assert readme.main(["--check"]) == 0, "README findings are stale: run `make readme`"


def test_readme_key_figures_are_committed_beside_their_tables():
    text = paths.README.read_text(encoding="utf-8")
    for name in readme.KEY_FIGURES:
        assert f"docs/figures/{name}.png" in text
        assert (paths.ROOT / "docs" / "figures" / f"{name}.png").is_file()
        assert (paths.ROOT / "docs" / "figures" / f"{name}.csv").is_file()
