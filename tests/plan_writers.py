"""Plan documents of the layouts offices use, written from code for the tests.

Every text here was written for the tests (no copy of any public document); the shapes
follow what real plans do: a two-cell header table, "NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG ..." parts,
per-task "Thời gian / Đơn vị chủ trì" lines, office-holders as units, task tables with
group rows and merged cells, schedules, appendices, phases, slogans and forms after the
signature.
"""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HEADER_LEFT = "ỦY BAN MTTQ VIỆT NAM XÃ AN BÌNH\nBAN THƯỜNG TRỰC\nSố: 21/KH-MTTQ-BTT"
HEADER_RIGHT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "An Bình, ngày 03 tháng 11 năm 2025"
)

PROSE_BODY = """KẾ HOẠCH
Tổ chức các hội nghị của Mặt trận xã năm 2026

Thực hiện Chỉ thị số 46-CT/TW, ngày 16/5/2025 của Bộ Chính trị, Ban Thường trực Ủy ban \
MTTQ Việt Nam xã ban hành kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Bảo đảm dân chủ, đúng luật, đúng tiến độ.
II. CHỈ TIÊU
- 100% thôn tổ chức hội nghị đúng thời gian.
III. NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG TRÁCH NHIỆM THỰC HIỆN
1. Ban hành hướng dẫn tổ chức hội nghị cử tri
- Thời gian hoàn thành: Dự kiến tháng 12/2025 (sau khi tỉnh ban hành hướng dẫn).
- Đơn vị chủ trì: Đồng chí Phó Chủ tịch Thường trực, phụ trách lĩnh vực Dân chủ - Pháp luật
- Đơn vị phối hợp: Các đồng chí Trưởng Ban công tác Mặt trận thôn
2. Tổ chức hội nghị hiệp thương
- Thời gian: Dự kiến ngày 05/01/2026 (Chậm nhất ngày 10/01/2026 - trước ngày bầu cử 60 ngày).
- Đơn vị chủ trì: Ban Thường trực Ủy ban MTTQ Việt Nam xã
3. Tuyên truyền về công tác bầu cử
- Thời gian thực hiện: Từ tháng 12/2025 đến quý I/2026.
- Đơn vị chủ trì: Cán bộ phụ trách công tác tuyên truyền
4. Báo cáo kết quả hằng tháng
- Thời gian: Trước ngày 05 hằng tháng.
- Đơn vị chủ trì: Chuyên viên Văn phòng
5. Tổng hợp ý kiến cử tri
- Thời gian: Xây dựng kế hoạch chậm nhất ngày 15/01/2026, triển khai trong quý II/2026.
- Đơn vị chủ trì: Các tổ chức thành viên của MTTQ xã
IV. TỔ CHỨC THỰC HIỆN
1. Ban Thường trực Ủy ban MTTQ Việt Nam xã
- Chỉ đạo chung việc thực hiện kế hoạch.
2. Đồng chí Phó Chủ tịch Ủy ban nhân dân xã
- Chủ trì bảo đảm kinh phí, hoàn thành trước ngày 20/12/2025.
3. Theo phân công tại Quyết định số 12/QĐ-MTTQ
V. KHẨU HIỆU TUYÊN TRUYỀN
1. Nhân dân xã An Bình tích cực tham gia bầu cử!
2. Bầu cử là quyền và nghĩa vụ của công dân!
Nơi nhận:
- Như trên;
- Lưu: VT.
MẪU BIÊN BẢN HỘI NGHỊ
1. Thời gian: ……
2. Thành phần: ……
"""

# (title, the due date the reader must find) of the prose plan's tasks, in order
PROSE_TASKS = [
    ("Ban hành hướng dẫn tổ chức hội nghị cử tri", "2025-12-31"),
    ("Tổ chức hội nghị hiệp thương", "2026-01-10"),
    ("Tuyên truyền về công tác bầu cử", "2026-03-31"),
    ("Báo cáo kết quả hằng tháng", "monthly"),
    ("Tổng hợp ý kiến cử tri", "2026-06-30"),
    ("Đồng chí Phó Chủ tịch Ủy ban nhân dân xã", "2025-12-20"),
]


def header_table(document, left: str = HEADER_LEFT, right: str = HEADER_RIGHT) -> None:
    """The two-cell header of a state or mass-organisation document, as a borderless table."""
    table = document.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, (left, right), strict=True):
        lines = text.split("\n")
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def prose_docx(body: str = PROSE_BODY, left: str = HEADER_LEFT) -> bytes:
    """A .docx: the header table, then one paragraph per line of `body`."""
    document = docx.Document()
    header_table(document, left)
    for line in body.splitlines():
        document.add_paragraph(line)
    return _bytes(document)


TABLE_COLUMNS = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm")
TABLE_ROWS = [
    ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""),
    ("1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Các sở, ngành", "Quý II/2026",
     "Báo cáo"),
    ("2", "Công bố danh mục văn bản hết hiệu lực", "Sở Tư pháp", "", "Trước ngày 31/01/2026",
     "Quyết định"),
    ("II", "CHUYỂN ĐỔI SỐ", "", "", "", ""),
    ("1", "Xây dựng kế hoạch chuyển đổi số năm 2026", "Sở Khoa học và Công nghệ", "Sở Tài chính",
     "Tháng 01/2026", "Kế hoạch"),
    ("2", "Giám sát an ninh mạng", "Công an tỉnh", "", "Trong năm 2026", "Báo cáo"),
]  # fmt: skip


def task_table_docx(order: tuple[int, ...] = tuple(range(6)), split_after: int = 0) -> bytes:
    """A plan whose tasks are an appendix table with group rows, its columns in `order`;
    the task of row 1 is merged down over a second row that gives it a second chair and
    time; with `split_after`, the table breaks after that many rows (a page break and a
    second table without a header)."""
    document = docx.Document()
    header_table(
        document,
        "ỦY BAN NHÂN DÂN\nTỈNH AN HÒA\nSố: 15/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "An Hòa, ngày 10 tháng 12 năm 2025",
    )
    for line in [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Nâng cao chất lượng phục vụ.",
        "II. NHIỆM VỤ",
        "Các nhiệm vụ cụ thể tại Phụ lục kèm theo.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ: theo dõi, đôn đốc, báo cáo Ủy ban nhân dân tỉnh.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "PHỤ LỤC",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
    ]:
        document.add_paragraph(line)
    rows = [TABLE_COLUMNS, *TABLE_ROWS]
    rows.insert(3, ("", "", "Sở Nội vụ", "", "Quý III/2026", ""))  # merged under row "1"
    parts = [rows] if not split_after else [rows[: split_after + 1], rows[split_after + 1 :]]
    for number, part in enumerate(parts):
        if number:
            document.add_paragraph("")  # the page break between the two parts
        table = document.add_table(rows=len(part), cols=6)
        for r, values in enumerate(part):
            for c, source in enumerate(order):
                table.cell(r, c).text = values[source]
        if number == 0:  # the merged task: row 2 (after the header and group row) over row 3
            _merge_down(table, 2, order.index(1))
            _merge_down(table, 2, order.index(0))
    return _bytes(document)


def _merge_down(table, row: int, column: int) -> None:
    """Merge cell (row, column) with the cell under it the way Word does (vMerge), leaving
    the lower cell empty."""
    for index, value in ((row, "restart"), (row + 1, None)):
        cell = table.cell(index, column)
        if index == row + 1:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.text = ""
        props = cell._tc.get_or_add_tcPr()
        merge = OxmlElement("w:vMerge")
        if value:
            merge.set(qn("w:val"), value)
        props.append(merge)


SCHEDULE = """KẾ HOẠCH
Lịch tuyên truyền cải cách hành chính năm 2026
Số: 07/KH-UBND
Đà Lạt, ngày 05 tháng 01 năm 2026
I. NỘI DUNG
| TT | Thời gian (Năm 2026) | Nội dung | Đơn vị thực hiện |
|---|---|---|---|
| 1 | Ngày 23 tháng 01 | Đối thoại về thủ tục đất đai | Sở Nông nghiệp và Môi trường |
| 2 | Ngày 13 tháng 3 | Đối thoại về thủ tục giáo dục | Sở Giáo dục và Đào tạo |
II. TỔ CHỨC THỰC HIỆN
Các sở, ngành thực hiện theo lịch.
"""

PHASES = """KẾ HOẠCH
Tuyên truyền bầu cử
Số 03-KH/BTG
Phố Mới, ngày 02 tháng 12 năm 2025
I. LỘ TRÌNH THỰC HIỆN
1. Đợt 1: Từ ngày ban hành kế hoạch đến ngày 31/12/2025
- Tuyên truyền ý nghĩa cuộc bầu cử.
2. Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026
- Tuyên truyền cao điểm.
3. Giai đoạn 3: trong tháng 4/2026
- Tổng kết công tác tuyên truyền.
II. TỔ CHỨC THỰC HIỆN
1. Trưởng Ban Xây dựng Đảng - Trưởng Tiểu ban: chỉ đạo chung.
"""


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DECISION = """| ỦY BAN NHÂN DÂN TỈNH AN HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| Số: 254/QĐ-UBND | An Hòa, ngày 17 tháng 0 2 năm 2026 |
QUYẾT ĐỊNH
Ban hành Kế hoạch bảo vệ bí mật nhà nước năm 2026
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bảo vệ bí mật nhà nước năm 2026.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KẾ HOẠCH
Bảo vệ bí mật nhà nước năm 2026
(Kèm theo Quyết định số 254/QĐ-UBND ngày 17/02/2026 của Ủy ban nhân dân tỉnh)
I. MỤC ĐÍCH, YÊU CẦU
- Bảo vệ tuyệt đối bí mật nhà nước.
II. NỘI DUNG CÔNG TÁC
1. Rà soát danh mục bí mật nhà nước, hoàn thành trong quý II/2026.
2. Tự kiểm tra công tác bảo vệ bí mật nhà nước, trước ngày 15/11/2026.
III. PHÂN CÔNG NHIỆM VỤ
1. Công an tỉnh: chủ trì tham mưu, hướng dẫn.
2. Sở Nội vụ: phối hợp kiểm tra.
"""


LABELLED = """KẾ HOẠCH
Thực hiện công tác tìm kiếm năm 2026
Số: 52/KH-BCĐ
Hà Nội, ngày 11 tháng 11 năm 2025
I. CÔNG TÁC QUÁN TRIỆT, TRIỂN KHAI
1. Nội dung, biện pháp
a) Tổ chức hội nghị quán triệt chỉ thị.
b) Ban hành văn bản hướng dẫn các địa phương.
2. Cơ quan chủ trì, phối hợp
a) Cơ quan chủ trì
- Ban Chỉ đạo tỉnh.
b) Cơ quan phối hợp
- Sở Nội vụ; Sở Tài chính.
3. Thời gian thực hiện: Tháng 12/2025 và thường xuyên.
II. THÔNG TIN, TUYÊN TRUYỀN
1. Nội dung, biện pháp
a) Lập chuyên mục trên báo tỉnh.
2. Cơ quan chủ trì
- Sở Văn hóa, Thể thao và Du lịch.
3. Thời gian thực hiện: Từ tháng 11/2025 trở đi.
"""


WEB_COPY = """ỦY BAN NHÂN DÂN
TỈNH AN HÒA
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 41/2026/QĐ-UBND
|
An Hòa, ngày
09 tháng 3 năm 2026
|
QUYẾT ĐỊNH
BANHÀNH KẾ HOẠCH HÀNH ĐỘNG PHÁT TRIỂN THƯ VIỆN SỐ GIAI ĐOẠN 2026 - 2028
ỦY BAN NHÂN DÂN TỈNH AN HÒA
Căn cứ Quyết định số
206/QĐ-TTg ngày 11/02/2021 của Thủ tướng Chính phủ phê duyệt Chương trình thư viện số;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theoQuyết định này Kế hoạch hành động phát triển thư viện số.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
KẾ HOẠCH HÀNH ĐỘNG
PHÁT TRIỂN THƯ VIỆN SỐ GIAI ĐOẠN 2026 - 2028
(Ban hành kèm theo Quyết định số 41/2026/QĐ-UBND ngày 09/3/2026 của Ủy ban nhân dân tỉnh)
I. MỤC TIÊU
1. Số hóa tài liệu quý hiếm của thư viện tỉnh.
II. NHIỆM VỤ
1. Xây dựng cơ sở dữ liệu thư mục dùng chung; thời gian
thực hiện: năm 2027.
2. Trình tự số hóa tài liệu
2.1. Bước 1:
2.1.a. Lập danh mục tài liệu cần số hóa, hoàn thành trước ngày 30/6/2026.
2.1.b. Chụp và nhận dạng tài liệu, hoàn thành trong quý IV/2026.
3. Sơ kết việc thực hiện Kế hoạch vào năm 2027.
III. TỔ CHỨC THỰC HIỆN
1. Đối với các sở, ngành
1.1. Sở Văn hóa, Thể thao và Du lịch: chủ trì triển khai Kế hoạch.
1.2. Sở Tài chính: bố trí kinh phí.
2. Đối với địa phương
2.1. Ủy ban nhân dân các huyện: phối hợp thực hiện.
"""
"""A decision copied from a web page: header cells cut into lines, words glued
("BANHÀNH", "theoQuyết"), sentences hard-wrapped, a code with its year, "2.1.a." points and
units grouped under "Đối với ..." (written for the tests, not copied)."""

ONE_LINE_TITLE = """# KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH NĂM 2026
Thư viện tỉnh tổ chức Ngày hội đọc sách vào ngày 21/4/2026 theo lịch sau:
1. Các thư viện huyện đăng ký tham gia đến hết ngày 10/4/2026.
2. Bố trí gian trưng bày sách trước ngày 20/4/2026.
"""

WEB_PAGE_PLAN = """THƯ VIỆN VĂN BẢN
CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI
| **Số hiệu:** | 77/KH-UBND |
| **Loại văn bản:** |
Kế hoạch
|
**ỦY BAN NHÂN DÂN**
TỈNH AN HÒA
-------
|
Số: 77/KH-UBND
|
*An Hòa, ngày 02 tháng 3 năm 2026*
**KẾ HOẠCH**
THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 16/7/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ
Thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2025 của Thủ tướng Chính phủ, UBND tỉnh ban hành
kế hoạch như sau:
I. NHIỆM VỤ
1. Phát động phong trào thi đua, hoàn thành trong tháng 4/2026.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ theo dõi, đôn đốc.
"""
"""A plan as a legal-text website shows it: the site's own fields above the document (one
of them reads "Kế hoạch"), the title in capitals and "UBND tỉnh" in the opening sentence."""

CELL_LINES = """| ỦY BAN NHÂN DÂN TỈNH AN HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| Số: 80/KH-UBND | An Hòa, ngày 05 tháng 3 năm 2026 |
KẾ HOẠCH
Chuyển đổi số năm 2026
I. NHIỆM VỤ
1. Triển khai các nhiệm vụ tại Phụ lục kèm theo.
II. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ theo dõi, đôn đốc.
Nơi nhận:
- Lưu: VT.
|
**PHỤ LỤC**
DANH MỤC NHIỆM VỤ
|
**TT**
|
**Nội dung thực
hiện**
|
**Cơ quan chủ trì**
|
**Thời gian hoàn
thành**
|
**Ghi chú**
|
|
**I**
|
**HẠ TẦNG SỐ**
|
|
1
|
Phủ sóng di động các thôn
vùng sâu
|
Sở Khoa học và Công nghệ
|
2026 - 2028
|
Vốn doanh nghiệp
|
|
2
|
Số hóa hồ sơ đất đai
|
Sở Nông nghiệp và Môi trường
|
2027
|
|
|
3
|
Cấp chữ ký số cho cán bộ
|
Sở Nội vụ
|
Quý II/2026
|
|
"""
"""An appendix task table as a legal-text website's copy lays it out: one cell per line,
cells between lines of "|", a row ending where two such lines meet, empty cells (two
lines of "|" too), a group row of two cells, and bare years in the time column."""
