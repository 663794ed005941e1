"""Figures: title with N, a source line, every format beside its CSV, the same bytes twice."""

import pytest
from conftest import ARDENIA_DIR

import analysis
from analysis import cli
from analysis.figures import FIGURES, FORMATS, render, source_line, write_figures


@pytest.fixture(scope="module")
def dataset():
    return analysis.load()


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_title_carries_n_and_foot_names_the_sources(dataset, name):
    figure, table = render(name, dataset)
    assert "N = " in figure.get_suptitle()
    assert source_line(dataset) in [t.get_text() for t in figure.texts]
    assert "Dawn, 2022-12-10" in source_line(dataset)
    assert len(table) > 0


def test_every_figure_is_written_in_every_format_beside_its_csv(tmp_path, dataset):
    written = write_figures(dataset, tmp_path)
    names = sorted(p.name for p in written)
    assert names == sorted(f"{n}.{ext}" for n in FIGURES for ext in (*FORMATS, "csv"))
    assert all(p.stat().st_size > 0 for p in written)


def test_figures_are_byte_identical_across_runs(tmp_path, dataset):
    first = write_figures(dataset, tmp_path / "a")
    second = write_figures(dataset, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_svg_and_pdf_carry_no_date_or_version(tmp_path, dataset):
    write_figures(dataset, tmp_path, formats=("svg", "pdf"))
    svg = (tmp_path / "compliance.svg").read_text(encoding="utf-8")
    pdf = (tmp_path / "compliance.pdf").read_bytes()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf


def test_figures_draw_on_another_corpus(tmp_path):
    written = write_figures(analysis.load(ARDENIA_DIR), tmp_path, formats=("png",))
    assert len(written) == 2 * len(FIGURES)


def test_cli_figures_rejects_an_unknown_format(tmp_path, capsys):
    assert cli.main(["figures", "--out", str(tmp_path), "--format", "png,bmp"]) == 2
    assert "bmp" in capsys.readouterr().err
