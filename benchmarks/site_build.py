"""How fast the guide builds, against MkDocs building the same Markdown in the same run.

Prints:
- the full build of the bundled guide and catalogue in Dutch, French and English (downloads and search
  index included), and its median page weight;
- the Word and Markdown downloads of the bundled catalogue on their own (made by `draft`'s code);
- a synthetic catalogue of 5,000 clauses: pages/s without the search index and downloads (target: 2,000
  or more), the Pagefind indexing time on its own, and the median page weight (target: 30 KB or less);
- MkDocs (when installed: pip install 'sociaalaankopen[bench]') building the same pages as Markdown.

Usage: python benchmarks/site_build.py [--clauses 5000] [--catalogue DIR] [--guide DIR]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("SOCIAALAANKOPEN_NO_CACHE", "1")  # measure the work, not a warm cache

from sociaalaankopen import Catalogue, SociaalAankopenError  # noqa: E402
from sociaalaankopen.cpv import cpv_codes  # noqa: E402
from sociaalaankopen.site import build_site  # noqa: E402
from sociaalaankopen.site import search as site_search  # noqa: E402

INSTRUMENTS = [
    "market_consultation",
    "lots",
    "selection_criterion",
    "technical_specification",
    "award_criterion",
    "performance_condition",
]
THEMES = ["employment", "training", "decent_work", "fair_trade", "accessibility", "social_dumping"]
# 200 real CPV codes from all over the tree, so that a sector's codes fit some clauses, not all.
CPV = sorted(c.code for c in cpv_codes().values() if c.level >= 4)[::40][:200]
LABELS = [cpv_codes()[code].nl.lower().replace('"', "") for code in CPV]
WORDS = [
    "opdrachtnemer",
    "werknemers",
    "doelgroep",
    "maatwerkbedrijf",
    "opleiding",
    "werf",
    "arbeidsuren",
    "groenonderhoud",
    "schoonmaak",
    "catering",
    "rapportering",
    "leverancier",
    "keten",
    "toegankelijkheid",
    "onderaannemer",
    "bestek",
    "gunning",
    "prijs",
    "kwaliteit",
]


def _sentence(i: int, n: int) -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n)]
    return " ".join(words).capitalize() + "."


def synthetic_clause(i: int) -> str:
    cid = f"synthetisch-{i:05d}"
    related = f"[synthetisch-{(i + 1) % 5000:05d}]" if i % 3 == 0 else "[]"
    paragraph = " ".join(_sentence(i + k, 12) for k in range(5))
    return textwrap.dedent(f"""\
        ---
        id: {cid}
        instrument: {INSTRUMENTS[i % len(INSTRUMENTS)]}
        themes: [{THEMES[i % len(THEMES)]}]
        ambition: {i % 3 + 1}
        contract_types: [services, works]
        title: {{nl: "Clausule {i} voor {LABELS[i % len(CPV)]}", fr: "Clause {i}", en: "Clause {i}"}}
        summary: {{nl: "{_sentence(i, 18)}", fr: Résumé, en: Summary}}
        parameters:
          uren:
            type: integer
            default: {100 + i % 50}
            min: 10
            max: 1000
            unit: uur
            label: {{nl: Uren, fr: Heures, en: Hours}}
        legal_basis: [richtlijn-2014-24-art-70]
        eforms: {{BT-06: [soc-obj], BT-775: [opp]}}
        cpv: ["{CPV[i % len(CPV)]}"]
        keywords: {{nl: ["{LABELS[i % len(CPV)]}", "{LABELS[(i * 7) % len(CPV)]}"], fr: [mot], en: [word]}}
        monitoring: {{indicator: Gepresteerde uren, unit: uur, frequency: jaarlijks}}
        related: {related}
        reviewed: 2026-11-28
        ---

        ## Clausetekst (nl)

        De opdrachtnemer presteert minstens {{{{ uren }}}} uur met werknemers uit de doelgroep. {paragraph}

        {paragraph}

        ## Clausetekst (fr)

        Le titulaire preste {{{{ uren }}}} heures.

        ## Clausetekst (en)

        The contractor performs {{{{ uren }}}} hours.

        ## Wanneer gebruiken

        {paragraph}

        - {_sentence(i, 8)}
        - {_sentence(i + 1, 8)}

        ## Wanneer niet

        {_sentence(i + 2, 20)}

        ## Controle

        {_sentence(i + 3, 25)} Zie ook [de gids](chapter:hoofdstuk-1).
        """)


def synthetic_sector(i: int, clauses: int) -> str:
    recommended = ", ".join(f"synthetisch-{(i * 37 + k) % clauses:05d}" for k in range(6))
    return textwrap.dedent(f"""\
        ---
        id: sector-{i}
        title: {{nl: "{LABELS[(i * 13) % len(CPV)].capitalize()}", fr: Secteur {i}, en: Sector {i}}}
        summary: {{nl: "{_sentence(i, 15)}", fr: Résumé, en: Summary}}
        cpv: ["{CPV[(i * 13) % len(CPV)]}"]
        contract_types: [services]
        keywords: {{nl: ["{LABELS[(i * 13) % len(CPV)]}"]}}
        recommended: [{recommended}]
        ---

        ## Aanbod sociale economie

        {_sentence(i, 40)}

        ## Aandachtspunten

        {_sentence(i + 1, 40)}
        """)


def synthetic_chapter(i: int, clauses: int) -> str:
    links = " ".join(f"[clausule {k}](clause:synthetisch-{(i * 11 + k) % clauses:05d})" for k in range(5))
    sections = "\n\n".join(
        f"## Sectie {k}\n\n{_sentence(i + k, 60)} {links}\n\n### Detail {k}\n\n{_sentence(k, 40)}" for k in range(6)
    )
    return f"---\ntitle: Hoofdstuk {i}\nsummary: {_sentence(i, 20)}\n---\n\n{sections}\n"


def make_synthetic(root: Path, clauses: int) -> tuple[Path, Path]:
    catalogue, guide = root / "catalogue", root / "guide"
    (catalogue / "sectors").mkdir(parents=True)
    guide.mkdir()
    for i in range(clauses):
        (catalogue / f"synthetisch-{i:05d}.md").write_text(synthetic_clause(i), "utf-8")
    for i in range(20):
        (catalogue / "sectors" / f"sector-{i}.md").write_text(synthetic_sector(i, clauses), "utf-8")
    for i in range(1, 13):
        (guide / f"{i:02d}-hoofdstuk-{i}.md").write_text(synthetic_chapter(i, clauses), "utf-8")
    return catalogue, guide


def html_weights(folder: Path) -> list[int]:
    return [p.stat().st_size for p in folder.rglob("*.html") if "pagefind" not in p.parts]


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def mkdocs_build(root: Path) -> tuple[int, float, list[int]] | None:
    """Build the same Markdown with MkDocs: every chapter, clause, sector and example page as one .md file."""
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
    except ImportError:
        return None
    docs = root / "docs"
    count = 0
    for path in sorted(root.glob("markdown/**/*.md")):
        target = docs / path.relative_to(root / "markdown")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text("utf-8"), "utf-8")
        count += 1
    (root / "mkdocs.yml").write_text("site_name: Sociaal aankopen\ndocs_dir: docs\nsite_dir: out\n", "utf-8")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    start = time.perf_counter()
    build(config)
    seconds = time.perf_counter() - start
    return count, seconds, html_weights(root / "out")


def export_markdown(catalogue: Catalogue, guide: Path, out: Path) -> None:
    """The Markdown of every page, for MkDocs: chapters as they are, catalogue items as title + sections."""
    for chapter in sorted(guide.glob("*.md")):
        text = chapter.read_text("utf-8").split("---", 2)[2]
        (out / "hoofdstukken").mkdir(parents=True, exist_ok=True)
        (out / "hoofdstukken" / chapter.name).write_text(text, "utf-8")
    for kind, items in (
        ("clausules", catalogue.clauses),
        ("sectoren", catalogue.sectors),
        ("voorbeelden", catalogue.examples),
    ):
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for id, item in items.items():
            path = catalogue.origin(
                {"clausules": "clause", "sectoren": "sector", "voorbeelden": "example"}[kind], id
            ).path
            body = Path(path).read_text("utf-8").split("---", 2)[2]
            title = item.title.nl
            (folder / f"{id}.md").write_text(f"# {title}\n\n{body}", "utf-8")


def measure(label: str, catalogue_dir: Path | None, guide: Path | None, work: Path, runs: int, downloads: bool) -> None:
    from sociaalaankopen.matching import matcher_for

    out = work / f"site-{label}"
    start = time.perf_counter()
    catalogue = Catalogue.load(catalogue_dir)
    load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    matcher_for(catalogue)
    matcher_seconds = time.perf_counter() - start
    start = time.perf_counter()
    build_site(out, catalogue, guide=guide, search_index=True, downloads=downloads)
    first_seconds = time.perf_counter() - start
    files = sorted((out / "downloads").rglob("*.*")) if downloads else []
    # The site build alone, best of `runs` (a shared machine adds noise, never speed): the pages, which is
    # what MkDocs makes too; the downloads are measured on their own below.
    reports = [build_site(out, catalogue, guide=guide, search_index=False, downloads=False) for _ in range(runs)]
    best = min(reports, key=lambda r: sum(r.seconds.values()))
    build_seconds = sum(best.seconds.values())
    start = time.perf_counter()
    site_search.index(out)
    index_seconds = time.perf_counter() - start
    weights = html_weights(out)
    steps = ", ".join(f"{k} {v:.2f} s" for k, v in best.seconds.items())
    print(f"[{label}] {len(catalogue.clauses)} clauses, {len(catalogue.sectors)} sectors, {best.pages} pages")
    print(f"  catalogue load      {load_seconds:.2f} s (validating every file; cached between runs, not counted below)")
    print(f"  matcher index       {matcher_seconds:.2f} s (built once per catalogue and cached, not counted below)")
    print(
        f"  full build          {load_seconds + matcher_seconds + first_seconds:.2f} s "
        f"(load + matcher index + build + search index, from cold)"
    )
    if downloads:
        # The same build once with its downloads (no cache: SOCIAALAANKOPEN_NO_CACHE), minus the build without.
        with_files = build_site(out, catalogue, guide=guide, search_index=False)
        extra = sum(with_files.seconds.values()) - build_seconds
        print(f"  downloads           {len(files)} files ({kb(sum(f.stat().st_size for f in files))}) in {extra:.2f} s")
    print(f"  site build          {build_seconds:.2f} s, best of {runs}, without downloads ({steps})")
    print(f"  pages/s             {best.pages / build_seconds:,.0f} without the search index")
    print(f"  search index        {index_seconds:.2f} s (Pagefind over {best.pages} pages, on its own)")
    print(f"  page weight         median {kb(statistics.median(weights))}, max {kb(max(weights))} (HTML)")
    markdown = work / f"mkdocs-{label}"
    export_markdown(catalogue, guide or Path(), markdown / "markdown")
    result = mkdocs_build(markdown)
    if result is None:
        print("  mkdocs              not installed (pip install 'sociaalaankopen[bench]')")
        return
    count, seconds, mk_weights = result
    print(
        f"  mkdocs              {count} pages in {seconds:.2f} s = {count / seconds:,.0f} pages/s, "
        f"median page {kb(statistics.median(mk_weights))}"
    )
    print(f"  ratio               {(best.pages / build_seconds) / (count / seconds):.1f}x the pages/s of MkDocs")


def _memory_folder() -> Path | None:
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="site builds per measurement; the best counts")
    parser.add_argument("--catalogue", type=Path, help="catalogue for the first measurement (default: bundled)")
    parser.add_argument("--guide", type=Path, help="guide for the first measurement (default: bundled)")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=_memory_folder(),
        help="where to build (default: /dev/shm when there is one, so the disk is not measured)",
    )
    args = parser.parse_args()
    print(f"building in {args.workdir}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    from sociaalaankopen.site import guide_path

    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        try:
            measure("bundled", args.catalogue, args.guide or guide_path(), work, args.runs, downloads=True)
        except SociaalAankopenError as e:
            print(f"[bundled] cannot be built ({len(e.problems)} problems), first: {e.lines()[0]}")
        catalogue, guide = make_synthetic(work / "synthetic", args.clauses)
        # 5,000 clauses in three languages would make 15,000 Word files of ~50 ms each: the downloads are
        # measured on the bundled catalogue only.
        measure("synthetic", catalogue, guide, work, args.runs, downloads=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
