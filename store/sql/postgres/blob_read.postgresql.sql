-- PostgreSQL only: read one original file back from the table blob.
SELECT data FROM blob WHERE sha256 = $sha256;
