SELECT value FROM app_secret WHERE name = $name;
