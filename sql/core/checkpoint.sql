-- Write everything committed into the database file itself (and empty the WAL), so a byte
-- copy of the file taken while this connection holds the write lock is a complete database.
checkpoint;
