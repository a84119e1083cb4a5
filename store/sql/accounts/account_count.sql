-- How many accounts can sign in: with any, every page asks for sign-in.
SELECT count(*) FROM account WHERE active;
