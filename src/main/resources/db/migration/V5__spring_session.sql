-- Staff sessions (Spring Session JDBC), so that every node of a scaled-out Haven recognises every
-- log-in. Spring Session's own schema-postgresql.sql, which H2 in PostgreSQL mode runs unchanged,
-- with one difference: principal_name holds a staff e-mail address, which Haven allows up to 254
-- characters (Spring Session's schema has 100).
-- Anonymous visitors never get a row: only a staff log-in creates a session.
-- Rows are removed at log-out and, once idle past the timeout, by Spring Session's cleanup job.
-- Both tables are left out of backups: a session id is a credential, and a session is worth nothing
-- after a restore.

create table spring_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  int          not null,
    expiry_time            bigint       not null,
    principal_name         varchar(254),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36)     not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
