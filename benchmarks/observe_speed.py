"""Speed and memory of `sociaalaankopen observe`, next to a baseline measured in the same run.

    python benchmarks/observe_speed.py [--quick] [--workers 1,2] [--total 100000]

On the 3,104 real TED notices of tests/data/observe/ted-export-2014-2022.tar.xz (and that archive given
again and again until there are `--total` notices):

- notices/s of the whole command (reading the archive, parsing, extracting, matching, writing the three
  outputs), per run and per worker;
- the peak resident memory of the largest process of the run (the main process or a worker): it should
  not grow with the number of notices;
- the baseline: the same archive walked and every notice only parsed with defusedxml, in one process,
  the floor any reader of these notices pays. The ratio says how much of that floor observe costs.

--quick skips the run to `--total` notices.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "tests" / "data" / "observe" / "ted-export-2014-2022.tar.xz"
NOTICES = 3104

# Runs one command and prints its wall time, the CPU time of all its processes and the peak RSS (KiB)
# of its largest process.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def measure(args: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MiB) of `sociaalaankopen observe ARGS` in a fresh process."""
    command = [sys.executable, "-m", "sociaalaankopen", "observe", *args]
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    seconds, cpu, kib, code = out.stdout.split()
    # 3: notices skipped. The archive holds two publication numbers twice, and given N times, each notice
    # comes N times: every copy is still read and matched, and counted once.
    if code not in ("0", "3"):
        raise SystemExit(f"observe exited with {code}: {' '.join(args)}")
    return float(seconds), float(cpu), int(kib) / 1024


def parse_only() -> float:
    """CPU seconds to walk the archive and parse each notice with defusedxml, nothing else."""
    from defusedxml.ElementTree import fromstring

    start = time.process_time()
    with tarfile.open(ARCHIVE, mode="r|*") as archive:
        for member in archive:
            f = archive.extractfile(member) if member.isfile() else None
            if f is not None:
                fromstring(f.read(), forbid_dtd=True)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the 3,104 notices")
    parser.add_argument("--workers", default="1,2", help="worker counts to measure, comma-separated")
    parser.add_argument("--total", type=int, default=100_000, help="notices in the repeated run")
    options = parser.parse_args()
    workers = [int(w) for w in options.workers.split(",")]
    print(f"observe on {NOTICES:,} real TED notices ({ARCHIVE.name})")
    baseline = parse_only()
    print(f"baseline, parse only: {NOTICES / baseline:.0f} notices per CPU second")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(n, 1) for n in workers] + ([] if options.quick else [(max(workers), -(-options.total // NOTICES))])
        for n, copies in runs:
            seconds, cpu, peak = measure(
                [*[str(ARCHIVE)] * copies, "--out", f"{tmp}/w{n}x{copies}", "--workers", str(n)]
            )
            total = copies * NOTICES
            rate, per_cpu = total / seconds, total / cpu
            print(
                f"observe --workers {n}, {total:,} notices: {rate:.0f} notices/s ({rate / n:.0f} per worker), "
                f"{per_cpu:.0f} per CPU second ({per_cpu / (NOTICES / baseline):.2f} × the parse-only baseline), "
                f"peak {peak:.0f} MiB"
            )


if __name__ == "__main__":
    main()
