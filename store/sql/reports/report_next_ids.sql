-- Report ids for a batch of new reports, taken inside the writing transaction.
SELECT nextval('report_id_seq') AS report_id FROM generate_series(1, $n);
