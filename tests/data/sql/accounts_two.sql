-- Test-only: an administrator and a unit account ($at: when they were made).
INSERT INTO account (login, display_name, role, password_hash, created_at) VALUES
    ('qt', 'Quản trị', 'quan_tri', '$argon2id$v=19$m=65536,t=3,p=4$x$y', $at),
    ('snv', 'Sở Ngoại vụ', 'don_vi', NULL, $at);
