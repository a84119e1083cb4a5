"""Benchmark: the full validated ingest against a bare ``pandas.read_excel`` (openpyxl).

Generates unit reports like the demo's (title block, a header row, one row per task, real
date cells, status words) for a synthetic plan of 125 one-off tasks and 40 units, then
times, run after run,

- ours: ``tracker.usecases.ingest.ingest_files`` (sniffing, zip guards, reading, header detection,
  typing, matching, validation, one transaction, original bytes kept) into a fresh DuckDB
  file, in a child process that stays up between runs, so that its peak memory is its own.
  A batch of many small files is read partly by a worker process
  (:mod:`loaders.reports.read_pool`), started by the first such batch: run 1 of the small
  corpus pays for starting it, as the first upload after a server starts does; its CPU
  seconds and its peak memory are counted with ours;
- the baseline: ``pandas.read_excel(engine="openpyxl")`` of the same files (no validation,
  no writing at all), in this process.

The two alternate (ours first on even runs, the baseline first on odd ones), so that load
from elsewhere on the machine falls on both alike. Corpora: 200 files x 40 rows (one unit
each, unit in the title block) and 20 files x 5,000 rows (consolidated sheets with a unit
column). Per corpus it prints the best wall time of each over `--runs`, the median of the
runs' own ratios, and the ratio of CPU seconds (ours counts every thread and the worker),
then the peak memory of the ingesting process and of the worker. The last line reads
``ingest_ratio_small=X ingest_ratio_large=Y peak_mb=Z`` (best over best; Z the largest sum
of the two peaks, an upper bound: the shared libraries count twice); the targets are 8 and
12, and at most 400 MB.

    .venv/bin/python bench/ingest.py [--runs 3] [--tiny] [--worker auto|always|never]
        [--only small|large]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from proc import vm_hwm_mb  # noqa: E402

PLAN = "99-KH/BENCH"
N_TASKS = 125
N_UNITS = 40
WORDS = ("Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "HT", "x")


def unit_name(i: int) -> str:
    return f"Ban Chỉ đạo số {i + 1} huyện Bắc Sơn"


def build_plan(db: Path) -> None:
    from domain.model import PlanSpec, TaskSpec, UnitSpec
    from store.database import Store
    from store.plans import save_plan, save_units

    units = [UnitSpec(unit_name(i), f"BCĐ {i + 1}", "so_ban_nganh") for i in range(N_UNITS)]
    everyone = {u.name: "phoi_hop" for u in units}
    tasks = tuple(
        TaskSpec(
            f"NV{k + 1:03d}",
            f"{k // 10 + 1}.{k % 10 + 1}",
            f"Nhiệm vụ số {k + 1}: tuyên truyền, quán triệt nội dung chuyên đề {k + 1}",
            "trước ngày 30/9/2019",
            units=everyone,
        )
        for k in range(N_TASKS)
    )
    plan = PlanSpec(
        PLAN,
        "Kế hoạch dùng cho đo hiệu năng",
        date(2019, 6, 21),
        "Ban Tuyên giáo",
        "Bắc Sơn",
        date(2020, 12, 31),
        tasks=tasks,
    )
    with Store(db) as store:
        save_units(store, "Bắc Sơn", units)
        save_plan(store, plan)


def _report(rows: list[tuple], unit: str | None, on: date) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    sheet.append([f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH {PLAN}"])
    if unit:
        sheet.append([f"Đơn vị báo cáo: {unit}"])
    sheet.append([f"Bắc Sơn, ngày {on.day} tháng {on.month} năm {on.year}"])
    sheet.append([])
    header = [
        "STT",
        "Mã nhiệm vụ",
        "Nội dung nhiệm vụ",
        "Tình trạng",
        "Ngày hoàn thành",
        "Kết quả thực hiện",
        "Ghi chú",
    ]
    if unit is None:
        header.insert(1, "Đơn vị")
    sheet.append(header)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    for cell in sheet["E" if unit else "F"]:
        cell.number_format = "dd/mm/yyyy"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(k: int, n: int, unit: str | None) -> list:
    word = WORDS[(k + n) % len(WORDS)]
    done = word in ("Đã hoàn thành", "HT", "x")
    row = [
        f"NV{k + 1:03d}",
        f"Nhiệm vụ số {k + 1}: tuyên truyền, quán triệt nội dung chuyên đề {k + 1}",
        word,
        date(2019, 7, 1) + timedelta(days=(k + n) % 60) if done else None,
        f"Đã tổ chức {n + k} hội nghị, {3 * k + n} lượt cán bộ tham dự",
        "",
    ]
    if unit is None:
        row.insert(0, unit_name(n % N_UNITS))
    return row


# corpus -> (files, rows per file); --tiny keeps the shapes at a size a test can afford
SIZES = {"small": (200, 40), "large": (20, N_UNITS * N_TASKS)}
TINY = {"small": (8, 40), "large": (2, 300)}  # 8 small files: the reading worker starts


def generate(folder: Path, sizes: dict[str, tuple[int, int]]) -> dict[str, list[Path]]:
    """The two corpora under `folder`: one-unit reports (unit in the title block) and
    consolidated sheets (a unit column), `sizes[corpus]` = (files, rows per file)."""
    files, rows_per_file = sizes["small"]
    small = []
    (folder / "small").mkdir()
    for f in range(files):
        unit = unit_name(f % N_UNITS)
        rows = [_row((f + j) % N_TASKS, f, unit) for j in range(rows_per_file)]
        path = folder / "small" / f"bao_cao_{f:03d}.xlsx"
        path.write_bytes(_report(rows, unit, date(2019, 10, 1) + timedelta(days=f // N_UNITS)))
        small.append(path)
    files, rows_per_file = sizes["large"]
    large = []
    (folder / "large").mkdir()
    for f in range(files):
        rows = [_row(k, u, None) for u in range(N_UNITS) for k in range(N_TASKS)]
        path = folder / "large" / f"tong_hop_{f:02d}.xlsx"
        path.write_bytes(_report(rows[:rows_per_file], None, date(2019, 10, 1) + timedelta(days=f)))
        large.append(path)
    return {"small": small, "large": large}


def run_ours(files: list[tuple[str, bytes]], template_db: Path, work: Path) -> dict:
    """Time a full ingest of `files` into a fresh copy of the plan-only database: wall and
    CPU seconds (this process's, every thread)."""
    import shutil

    from domain.access import Actor, Role
    from store.database import Store
    from tracker.usecases.ingest import ingest_files

    staff = Actor("bench", Role.CAN_BO, origin="cli")
    db = work / f"run-{time.monotonic_ns()}.duckdb"
    shutil.copy(template_db, db)
    workers = {pid: _cpu_seconds(pid) for pid in _children()}
    start, cpu = time.perf_counter(), time.process_time()
    with Store(db) as store:
        results = ingest_files(store, staff, PLAN, files)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    cpu += sum(_cpu_seconds(pid) - workers.get(pid, 0.0) for pid in _children())
    bad = [r for r in results if not r.accepted]
    if bad:
        raise SystemExit(f"bench corpus rejected: {bad[0].file}: {bad[0].errors[:3]}")
    return {"seconds": seconds, "cpu": cpu}


def run_pandas(files: list[Path]) -> dict:
    import pandas as pd

    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        pd.read_excel(path, engine="openpyxl")
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}


def child(folder: Path, corpus: str, worker: str = "auto") -> None:
    """Runs ours in a process of its own, once per line read ("run"); "peak" prints the peak
    memory and ends it. The files are read into memory before the first run."""
    from loaders.reports import read_pool

    if worker != "auto":  # the reading worker whatever the load, or never
        read_pool.MAX_LOAD = float("inf") if worker == "always" else float("-inf")
    template = folder / "plan.duckdb"
    files = [(p.name, p.read_bytes()) for p in sorted((folder / corpus).iterdir())]
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "run":
            print(json.dumps(run_ours(files, template, folder)), flush=True)
        else:
            children = [vm_hwm_mb(pid) for pid in _children()]
            print(json.dumps({"peak_mb": vm_hwm_mb(), "children_mb": children}), flush=True)
            return


def _cpu_seconds(pid: int) -> float:
    """A living process's CPU seconds so far (user and system, from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children() -> list[int]:
    """This process's living child processes (the reading workers, started once). A thread
    may end between listing the threads and reading its children (the store's closing
    thread does): it is skipped."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            found.update(int(pid) for pid in (task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return sorted(found)


class Ours:
    """The child process that runs ours, asked for one run at a time."""

    def __init__(self, folder: Path, corpus: str, worker: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(folder), "--corpus", corpus]
            + ["--worker", worker],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._answer()

    def _answer(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise SystemExit(f"the bench's child ended (exit status {self.process.returncode})")
        return line

    def ask(self, what: str) -> dict:
        assert self.process.stdin is not None
        self.process.stdin.write(what + "\n")
        self.process.stdin.flush()
        return json.loads(self._answer())

    def close(self) -> dict:
        peak = self.ask("peak")
        self.process.wait()
        return peak


def measure(folder: Path, corpus: str, files: list[Path], runs: int, worker: str) -> dict:
    """`runs` pairs of (ours, baseline), alternating which goes first."""
    ours = Ours(folder, corpus, worker)
    pairs = []
    try:
        for run in range(runs):
            if run % 2 == 0:
                mine = ours.ask("run")
                base = run_pandas(files)
            else:
                base = run_pandas(files)
                mine = ours.ask("run")
            pairs.append((mine, base))
    finally:
        peak = ours.close()
    return {"pairs": pairs, **peak}


def _peak(found: dict) -> float:
    """The ingesting process's peak plus every worker's: an upper bound of what they held
    at once (each worker's shared libraries counted again)."""
    return found["peak_mb"] + sum(found["children_mb"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--tiny",
        action="store_true",
        help="8 files x 40 rows and 2 x 300, one run: checks the bench works, times nothing",
    )
    parser.add_argument(
        "--worker",
        choices=("auto", "always", "never"),
        default="auto",
        help="read small-file batches with the reading worker as the product does (auto: "
        "only while a core is idle), whatever the load, or never",
    )
    parser.add_argument(
        "--only", choices=tuple(SIZES), help="one corpus (the last line names only its ratio)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child), args.corpus, args.worker)
        return 0
    sizes, runs = (TINY, 1) if args.tiny else (SIZES, args.runs)
    wanted = [args.only] if args.only else list(sizes)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        corpora = generate(folder, sizes)
        build_plan(folder / "plan.duckdb")
        print(
            f"corpus generated in {time.perf_counter() - start:.1f} s; reading worker: "
            f"{args.worker}; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        found = {name: measure(folder, name, corpora[name], runs, args.worker) for name in wanted}
    ratio = {}
    for name in wanted:
        files, rows = sizes[name]
        pairs = found[name]["pairs"]
        for run, (mine, base) in enumerate(pairs, start=1):
            print(
                f"{files} x {rows} run {run}: ours {mine['seconds']:.3f} s "
                f"(CPU {mine['cpu']:.3f} s), pandas+openpyxl {base['seconds']:.3f} s "
                f"(CPU {base['cpu']:.3f} s): {base['seconds'] / mine['seconds']:.2f}x"
            )
        best_ours = min(m["seconds"] for m, _ in pairs)
        best_base = min(b["seconds"] for _, b in pairs)
        ratio[name] = best_base / best_ours
        paired = statistics.median(b["seconds"] / m["seconds"] for m, b in pairs)
        cpu = statistics.median(b["cpu"] / m["cpu"] for m, b in pairs)
        print(
            f"{files} x {rows}: best ours {best_ours:.3f} s, best pandas+openpyxl "
            f"{best_base:.3f} s: {ratio[name]:.2f}x; median of the runs' ratios "
            f"{paired:.2f}x; CPU {cpu:.2f}x"
        )
    for name in wanted:
        files, rows = sizes[name]
        children = found[name]["children_mb"]
        print(
            f"{files} x {rows}: peak memory {found[name]['peak_mb']:.0f} MB ingesting, "
            f"{sum(children):.0f} MB in {len(children)} reading worker(s): "
            f"{_peak(found[name]):.0f} MB together"
        )
    peak = max(_peak(f) for f in found.values())
    print(
        " ".join(f"ingest_ratio_{name}={ratio[name]:.2f}" for name in wanted), f"peak_mb={peak:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
