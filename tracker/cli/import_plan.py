"""``import-plan FILE [--db PATH] [--province P] [--code C] [--date D] [--dry-run] [--replace]
[--json]``: read a plan document (.docx, .doc, .pdf, a scan .jpg/.png, .txt, .md) into a draft;
save it unless ``--dry-run``. Pages read by OCR print one progress line each on stderr.

The draft is what the app's «Kế hoạch» page shows for review. Saving from the command line
is for documents that need no correction: it refuses (exit 1, nothing written) when the
document has no number and no ``--code`` is given, or when a unit it names is not in the
registry of the province (add it on the «Đơn vị» page, or edit the draft in the app).
A document whose number is already registered is not saved over that plan unless
``--replace`` is given: without it the command lists the tasks and units that would be
added, changed and removed (the app's confirmation) and exits 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from domain.settings import database_target
from store.database import is_server
from tracker.cli import add_db_option, cli_actor, iso_date, open_store


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-plan",
        help="đọc một văn bản kế hoạch (.docx, .doc, .pdf, ảnh quét, .txt, .md) thành bản nháp",
    )
    parser.add_argument("file", help="tệp văn bản kế hoạch")
    add_db_option(parser)
    parser.add_argument("--province", help="tỉnh của danh mục đơn vị (mặc định: đoán)")
    parser.add_argument("--code", help="số hiệu, khi văn bản không ghi")
    parser.add_argument(
        "--date", type=iso_date, help="ngày ban hành YYYY-MM-DD, khi văn bản không ghi"
    )
    parser.add_argument("--dry-run", action="store_true", help="chỉ đọc, không lưu")
    parser.add_argument("--replace", action="store_true", help="ghi đè kế hoạch đã có cùng số hiệu")
    parser.add_argument("--json", action="store_true", help="in JSON")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from loaders.plans.document import read_plan_document

    path = Path(args.file)
    if not path.is_file():
        print(f"Không có tệp {path}.")
        return 2

    def shown(done: int, total: int) -> None:
        print(f"Nhận dạng chữ (OCR): trang {done}/{total}", file=sys.stderr, flush=True)

    draft = read_plan_document(path.read_bytes(), path.name, progress=shown)
    if args.code:
        draft.plan.code = args.code
    if args.date:
        draft.plan.issued_on = args.date
    db = database_target(args.db)
    matches, province = [], args.province
    if is_server(db) or Path(db).exists() or not args.dry_run:
        from tracker.usecases.plans import guess_province
        from tracker.usecases.units import load_registry

        with open_store(args) as store:
            names = [u.name for u in draft.units]
            province = province or guess_province(store, draft.plan.place, names)
            if province:
                registry = load_registry(store, province)
                matches = [registry.resolve(n) for n in names]
                by_id = {u.unit_id: u.name for u in registry.units}
            if not args.dry_run:
                return _save(
                    store, cli_actor(args, store), draft, province, matches, args.json, args.replace
                )
    shape = draft.to_json()
    if matches:
        for unit, found in zip(shape["units"], matches, strict=True):
            unit["registry"] = [by_id[i] for i in found.unit_ids]
            unit["suggestions"] = found.suggestions
    shape["province"] = province
    _print(shape, args.json)
    return 0 if draft.is_plan else 1


def _save(store, actor, draft, province, matches, as_json: bool, replace: bool = False) -> int:
    from loaders.plans.rows import fields_from_draft, rows_from_draft
    from tracker.usecases.plan_changes import changes
    from tracker.usecases.plans import save_rows
    from tracker.usecases.units import load_registry

    problems = [str(p) for p in draft.errors]
    if not province:
        problems.append("Không xác định được tỉnh: dùng --province.")
    if not draft.plan.code:
        problems.append("Văn bản không ghi số hiệu: dùng --code.")
    if not draft.plan.issued_on:
        problems.append("Văn bản không ghi ngày ban hành: dùng --date.")
    unknown = [m.name for m in matches if not m.unit_ids]
    if unknown:
        problems.append(
            "Đơn vị chưa có trong danh mục (thêm ở trang Đơn vị): " + "; ".join(unknown)
        )
    saved, found = None, None
    if not problems:
        registry = load_registry(store, province)
        fields, rows = fields_from_draft(draft, province), rows_from_draft(draft)
        found = changes(store, fields, rows, registry)
        if found is not None and not replace:
            problems.append(
                f"Kế hoạch {found.code} đã có: không ghi đè khi chưa có --replace. "
                "Những gì sẽ thay đổi: " + " | ".join(found.lines())
            )
        else:
            outcome = save_rows(store, actor, fields, rows, registry, draft.source_name)
            saved = outcome.saved
            problems += [str(p) for p in outcome.errors]
    result = {
        "saved": saved is not None,
        "code": draft.plan.code,
        "problems": problems,
        "tasks": saved.tasks if saved else 0,
        "assignments": saved.assignments if saved else 0,
    }
    if found is not None:
        result["changes"] = found.lines()
    _print(result, as_json)
    return 0 if saved else 1


def _print(shape: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(shape, ensure_ascii=False, indent=1))
        return
    if "plan" in shape:
        plan = shape["plan"]
        print(f"Kế hoạch {plan['code'] or '(chưa có số hiệu)'} — {plan['title']}")
        print(f"Ngày: {plan['date'] or '?'}; cơ quan ban hành: {plan['issuer'] or '?'}")
        for task in shape["tasks"]:
            print(
                f"  [{task['section']}] {task['title'][:70]} | {task['deadline_text']}"
                f" | {len(task['units'])} đơn vị" + (" | OCR" if task.get("ocr") else "")
            )
        for problem in shape["problems"]:
            where = f"dòng {problem['line']}: " if problem["line"] else ""
            print(f"  ! {where}{problem['message']}")
    else:
        print("Đã lưu." if shape["saved"] else "Chưa lưu:")
        for problem in shape["problems"]:
            print(f"  ! {problem}")
        if shape["saved"]:
            for line in shape.get("changes", []):
                print(f"  - {line}")
