"""The «Tải báo cáo lên» page's parts: choosing the plan and unit, the dropped files'
preview and confirmation, fixing a refused file's cells in place, and past uploads."""
