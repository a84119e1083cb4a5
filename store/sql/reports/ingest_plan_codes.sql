-- Every registered plan's code, archived ones too (a late report still names them): a
-- report that writes another plan's code in its title rows is refused, naming that plan.
SELECT code FROM plan ORDER BY issued_on, code;
