-- The audit log (audit module): append-only, chained with HMAC-SHA256 under a key kept outside the
-- database. Ids and action names only: never content, names, e-mail addresses or IP addresses.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL; on PostgreSQL, db/vendor/postgresql adds a
-- trigger that refuses UPDATE, DELETE and TRUNCATE of audit_event.

create table audit_event (
    seq           bigint primary key,               -- 1, 2, 3 … without gaps, in commit order
    occurred_at   timestamp with time zone not null, -- microsecond precision
    org_id        uuid,                              -- null: outside any organisation
    actor         varchar(64),                       -- a user id, 'system' or 'anonymous'
    action        varchar(64) not null,              -- e.g. case.read
    subject_type  varchar(32),                       -- e.g. case
    subject_id    varchar(64),                       -- e.g. the case id
    prev_mac      varchar(64) not null,              -- hex mac of the row before (64 zeros before the first)
    mac           varchar(64) not null               -- hex HMAC-SHA256 over the canonical encoding of all the above
);

-- The end of the chain, one row. Writers lock it (select … for update) to take the next sequence
-- number, so it is updated and cannot be append-only. Cutting rows off the end and moving the head back
-- is therefore not visible in the database alone: the signed checkpoints kept outside it (every
-- haven.audit.checkpoint-every events and on demand) are what reveal it. The window is the events since
-- the last checkpoint.
create table audit_head (
    id   int primary key check (id = 1),
    seq  bigint not null,
    mac  varchar(64) not null
);

insert into audit_head (id, seq, mac) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
