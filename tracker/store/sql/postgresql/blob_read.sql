SELECT data FROM blob WHERE sha256 = $sha256;
