"""Keep the README's headline findings and key figures in step with the data.

A tool of the repository, not of the package: it rewrites the repository's
README.md and docs/figures, which an installed liaison does not have.
``python tools/readme.py`` (``make readme``) rewrites the part of README.md
between the findings markers with what ``analysis findings`` prints for the
bundled data, and redraws the key figures into ``docs/figures/``.
``python tools/readme.py --check`` exits 1 if the committed findings text is
stale; the test suite runs that check.

Examples
--------
>>> text = "a\\n<!-- findings:start -->\\nold\\n<!-- findings:end -->\\nb\\n"
>>> print(replace_section(text, "new\\n"), end="")
a
<!-- findings:start -->
new
<!-- findings:end -->
b
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["ROOT", "README", "DATA_DIR", "FIGURES_DIR", "START", "END", "KEY_FIGURES", "findings_section",
           "replace_section", "main"]  # fmt: skip

#: The repository this tool belongs to, its README and the data package it describes.
ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DATA_DIR = ROOT / "data"

#: Where the README's figures are drawn, each beside the CSV of its numbers.
FIGURES_DIR = ROOT / "docs" / "figures"

START, END = "<!-- findings:start -->", "<!-- findings:end -->"

#: The figures shown in the README, drawn from the bundled data.
KEY_FIGURES = ("compliance", "who-says-so", "network")


def findings_section(dataset) -> str:
    """The README block: the findings as ``analysis findings`` prints them."""
    from analysis.findings import findings, findings_text

    return "```text\n" + findings_text(findings(dataset)) + "```\n"


def replace_section(text: str, section: str) -> str:
    """`text` with everything between the markers replaced by `section`."""
    before, start, rest = text.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"README has no {START} ... {END} section")
    return f"{before}{START}\n{section}{END}{after}"


def main(argv=None) -> int:
    from analysis.dataset import load
    from analysis.export import write_atomic

    argv = sys.argv[1:] if argv is None else argv
    dataset = load(DATA_DIR)
    current = README.read_text(encoding="utf-8")
    updated = replace_section(current, findings_section(dataset))
    if "--check" in argv:
        if updated != current:
            print("README.md findings are stale: run `make readme`", file=sys.stderr)
            return 1
        return 0
    from analysis.export import frame_csv
    from analysis.figures import figure_bytes, render

    out = FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name in KEY_FIGURES:
        figure, table = render(name, dataset)
        write_atomic(out / f"{name}.png", figure_bytes(figure, "png"))
        write_atomic(out / f"{name}.csv", frame_csv(table))
    write_atomic(README, updated)
    print(f"updated {README} and {len(KEY_FIGURES)} figures in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
