-- 002: unit groups. (The status macros it used to create are 003's: they replace these in
-- databases made before 003, and are made there in new ones.)

INSERT INTO unit_group VALUES
    ('so_ban_nganh', 'Sở, ban, ngành', 1),
    ('cap_uy', 'Huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc', 2),
    ('bao_chi', 'Cơ quan báo chí', 3),
    ('mttq_doan_the', 'MTTQ và các đoàn thể', 4),
    ('co_quan_dang', 'Cơ quan Đảng cấp tỉnh', 5);
