-- 002: unit groups.

INSERT INTO unit_group VALUES
    ('so_ban_nganh', 'Sở, ban, ngành', 1),
    ('cap_uy', 'Huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc', 2),
    ('bao_chi', 'Cơ quan báo chí', 3),
    ('mttq_doan_the', 'MTTQ và các đoàn thể', 4),
    ('co_quan_dang', 'Cơ quan Đảng cấp tỉnh', 5);

-- The status macros this migration first defined are migrations 004 and 007's now (they
-- replace them in databases made before them), so the rules are written once.
