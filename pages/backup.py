"""Sao lưu: the quản trị makes a backup (the database and the kept original files) into a
folder on the server, and can then download that folder as a .zip. Restoring replaces the
database the app has open, so it is done from the command line with the app stopped. UI
only: the work is tracker.usecases.backup."""

from datetime import datetime
from pathlib import Path

import streamlit as st

from domain.access import Action
from domain.errors import Rejected
from tracker.exports.archive import folder_zip
from tracker.usecases import backup
from ui import data, downloads
from ui.frame import plain_frame
from ui.problems import show_problems
from ui.session import user

plain_frame(
    "Sao lưu",
    "Một bản sao nhất quán của cơ sở dữ liệu và mọi tệp báo cáo gốc, vào một thư mục mới.",
    needs=(Action.BACKUP,),
)
store = data.get_store()
suggested = store.path.parent / "backups" / datetime.now().strftime("%Y%m%d-%H%M")
folder = st.text_input(
    "Thư mục sao lưu (trên máy chủ; mới hoặc trống)", value=str(suggested), key="backup.folder"
)
if st.button("Sao lưu ngay", type="primary", key="backup.run"):
    try:
        made = backup.backup(store, user(), folder)
    except Rejected as refused:
        show_problems(refused.problems)
    else:
        st.session_state["backup.made"] = folder
        st.success(
            f"Đã sao lưu vào {folder}: {backup.describe_counts(made['counts'], made['blobs'])}."
        )
made_folder = st.session_state.get("backup.made")
if made_folder:
    # the copy on the server is not enough on its own: take one to another machine too
    downloads.button(
        "Tải bản sao lưu vừa tạo về máy (.zip)",
        lambda: folder_zip(made_folder),
        file_name=f"sao-luu-{Path(made_folder).name}.zip",
        mime="application/zip",
        key="backup.download",
        needs=Action.BACKUP,
        help="Giữ thêm một bản ở máy khác hoặc ổ đĩa ngoài, phòng khi máy chủ hỏng.",
    )
st.markdown(
    "**Khôi phục** thay cơ sở dữ liệu mà ứng dụng đang mở, nên làm bằng dòng lệnh khi đã "
    "dừng ứng dụng:\n\n"
    "```\npython -m tracker restore THƯ_MỤC_SAO_LƯU [--db TỆP] [--force]\n```\n"
    "Lệnh từ chối ghi đè cơ sở dữ liệu đang có nếu thiếu `--force` (bản cũ vẫn được giữ lại "
    "bên cạnh), và cho biết đã khôi phục những gì."
)
