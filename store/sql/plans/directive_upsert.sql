INSERT INTO directive (code, issued_on, issuer, title)
VALUES ($code, $issued_on, $issuer, $title)
ON CONFLICT (code) DO UPDATE SET
    issued_on = coalesce(excluded.issued_on, directive.issued_on),
    issuer = CASE WHEN excluded.issuer <> '' THEN excluded.issuer ELSE directive.issuer END,
    title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE directive.title END
RETURNING directive_id;
