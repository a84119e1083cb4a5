-- The codes of the plans a scheduled reminder run covers: every plan not archived.
SELECT code FROM plan WHERE NOT archived ORDER BY issued_on, code;
