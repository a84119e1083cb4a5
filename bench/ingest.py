"""Benchmark: the full validated ingest against a bare ``pandas.read_excel`` (openpyxl).

Generates unit reports like the demo's (title block, a header row, one row per task, real
date cells, status words) for a synthetic plan of 125 one-off tasks and 40 units, then, in
one run, times

- ours: ``tracker.usecases.ingest.ingest_files`` (sniffing, zip guards, reading, header detection,
  typing, matching, validation, one transaction, original bytes kept) into a fresh DuckDB
  file, run in a child process so that its peak memory is its own;
- the baseline: ``pandas.read_excel(engine="openpyxl")`` of the same files (no validation,
  no writing at all).

Corpora: 200 files x 40 rows (one unit each, unit in the title block) and 20 files x 5,000
rows (consolidated sheets with a unit column). Best of 3 runs each. The last line reads
``ingest_ratio_small=X ingest_ratio_large=Y peak_mb=Z``; the issue's targets are 6 and 8.

    .venv/bin/python bench/ingest.py [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def generate(folder: Path) -> tuple[list[Path], list[Path]]:
    small, large = [], []
    (folder / "small").mkdir()
    (folder / "large").mkdir()
    for f in range(200):
        unit = unit_name(f % N_UNITS)
        rows = [_row((f + j) % N_TASKS, f, unit) for j in range(40)]
        path = folder / "small" / f"bao_cao_{f:03d}.xlsx"
        path.write_bytes(_report(rows, unit, date(2019, 10, 1) + timedelta(days=f // N_UNITS)))
        small.append(path)
    for f in range(20):
        rows = [_row(k, u, None) for u in range(N_UNITS) for k in range(N_TASKS)]
        path = folder / "large" / f"tong_hop_{f:02d}.xlsx"
        path.write_bytes(_report(rows, None, date(2019, 10, 1) + timedelta(days=f)))
        large.append(path)
    return small, large


def run_ours(files: list[Path], template_db: Path, work: Path) -> float:
    """Time a full ingest of `files` into a fresh copy of the plan-only database."""
    import shutil

    from store.database import Store
    from tracker.usecases.ingest import ingest_files

    db = work / f"run-{time.monotonic_ns()}.duckdb"
    shutil.copy(template_db, db)
    start = time.perf_counter()
    with Store(db) as store:
        results = ingest_files(
            store, PLAN, [(p.name, p.read_bytes()) for p in files], uploaded_by="bench"
        )
    elapsed = time.perf_counter() - start
    bad = [r for r in results if not r.accepted]
    if bad:
        raise SystemExit(f"bench corpus rejected: {bad[0].file}: {bad[0].errors[:3]}")
    return elapsed


def run_pandas(files: list[Path]) -> float:
    import pandas as pd

    start = time.perf_counter()
    for path in files:
        pd.read_excel(path, engine="openpyxl")
    return time.perf_counter() - start


def child(folder: Path, corpus: str, runs: int) -> None:
    """Runs ours in a fresh process: the best time over `runs` and the peak memory."""
    template = folder / "plan.duckdb"
    files = sorted((folder / corpus).iterdir())
    best = min(run_ours(files, template, folder) for _ in range(runs))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": best, "peak_mb": peak}))


def measure_ours(folder: Path, corpus: str, runs: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), "--corpus", corpus, "--runs", str(runs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(done.stdout + done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child), args.corpus, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        corpora = dict(zip(("small", "large"), generate(folder), strict=True))
        build_plan(folder / "plan.duckdb")
        print(f"corpus generated in {time.perf_counter() - start:.1f} s", flush=True)
        ours, base = {}, {}
        for name, files in corpora.items():  # ours then the baseline, close in time
            ours[name] = measure_ours(folder, name, args.runs)
            base[name] = min(run_pandas(files) for _ in range(args.runs))
    peak = max(o["peak_mb"] for o in ours.values())
    ratio = {name: base[name] / ours[name]["seconds"] for name in corpora}
    print(
        f"200 x 40:  ours {ours['small']['seconds']:.3f} s, pandas+openpyxl {base['small']:.3f} s"
    )
    print(
        f"20 x 5000: ours {ours['large']['seconds']:.3f} s, pandas+openpyxl {base['large']:.3f} s"
    )
    print(
        f"ingest_ratio_small={ratio['small']:.2f} ingest_ratio_large={ratio['large']:.2f} "
        f"peak_mb={peak:.0f}"
    )


if __name__ == "__main__":
    main()
