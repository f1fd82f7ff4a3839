-- Which key files this database was written with: one check value per key file under keys/, recorded by the first
-- node that starts with the file and compared at every later start, so that a node with other key files (one that
-- made its own when a new version added a file, an old copy, a restore of keys/ without its key backup) refuses to
-- start instead of writing what the other nodes cannot read. A check value reveals nothing of its key: an HMAC or a
-- signature of a fixed label, or a ciphertext of it. A key table: in the --keys backups with the keys, not in the
-- database backups (KeyStore.KEY_TABLES).
create table key_check (
    key_file    varchar(100) primary key,
    check_value bytea not null
);
