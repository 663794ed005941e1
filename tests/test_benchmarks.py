"""The benchmarks keep working: the generator writes valid packages, the runner prints its table.

Speed itself is shown by the figures ``make bench`` prints (docs/performance.md),
never asserted here: these tests run the benchmark at a tiny size only.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import analysis
from analysis.vocabulary import ENTITY_TYPES

pytestmark = pytest.mark.slow

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _generate_module():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCHMARKS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate():
    return _generate_module().generate


def test_generated_package_is_valid_with_every_shape(generate, tmp_path):
    folder = generate(200, tmp_path / "package", seed=3)
    dataset = analysis.load(folder)
    assert dataset.counts == {"sources": 2, "entities": len(dataset.entities), "predicates": 18, "claims": 200}
    assert len(dataset.entities) >= 20
    assert set(dataset.entities["type"].astype(str)) == set(ENTITY_TYPES)
    assert "wikidata" in dataset.entities.columns  # an extra column, kept
    lengths = set(dataset.claims["date"].dropna().str.len())
    assert lengths == {4, 7, 10}  # year, month and day precision
    assert dataset.claims["requirement"].notna().any()
    assert (folder / "datapackage.json").is_file()


def test_generator_is_seeded(generate, tmp_path):
    one = generate(150, tmp_path / "one", seed=7)
    two = generate(150, tmp_path / "two", seed=7)
    for name in ("sources.csv", "entities.csv", "predicates.csv", "claims.csv"):
        assert (one / name).read_bytes() == (two / name).read_bytes()
    other = generate(150, tmp_path / "other", seed=8)
    assert (one / "claims.csv").read_bytes() != (other / "claims.csv").read_bytes()


def test_run_prints_the_table_at_a_tiny_size(tmp_path):
    out_md, out_csv = tmp_path / "bench.md", tmp_path / "bench.csv"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--sizes",
            "200",
            "--skip-frictionless-above",
            "0",
            "--k",
            "5",
            "--workdir",
            str(tmp_path / "work"),
            "--out",
            str(out_md),
            "--out",
            str(out_csv),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout
    for step in ("load", "graph", "compliance", "who-says-so", "centrality", "export", "pandas-floor", "nx-export"):
        assert f"200  {step}" in table, table
    assert "frictionless" in table and "skipped" in table
    assert "load / pandas floor" in table and "export / networkx alone" in table
    assert "| 200 | load |" in out_md.read_text()
    assert out_csv.read_text().startswith("n,step,status,seconds")


def test_run_rejects_a_bad_option():
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--sizes", "many"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "--sizes" in result.stderr
