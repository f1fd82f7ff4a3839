-- Issue #17, point 1: every policy data set Haven runs with, recorded at start-up. The content hash is the key, so a
-- restart or a second node starting with the same data set records nothing new (insert … on conflict do nothing).
-- files holds the version's files (path → text) as gzip-compressed JSON, so that any two versions can be compared
-- later, after the files on disk have changed. reviews: the reviewedOn of its files as JSON ([{file, reviewedOn}]).
-- Nothing here is case data.
create table policy_version (
    content_hash  varchar(100) primary key,
    label         varchar(200) not null,
    reviews       varchar(20000) not null,
    first_loaded  date not null,
    recorded_at   timestamp with time zone not null,
    files         bytea not null
);
create index policy_version_recorded on policy_version (recorded_at, content_hash);
