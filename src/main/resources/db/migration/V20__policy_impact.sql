-- Issue #17, points 3-5 (cases): the impact of a policy change on the open cases, run once per key and resumable.
-- A run key is "version:<hash prefix>" (Haven started with a data set it had not run the impact for) or
-- "date:YYYY-MM-DD" (the calendar reached a day on which a provision starts or ends). Nothing here holds case content.

-- The data sets this ledger has run with: their files, so that the next version can be compared with this one.
create table policy_impact_dataset (
    version       varchar(80) primary key,          -- sha256:… of the data set (PolicyDataSet.version)
    files         text not null,                    -- JSON: path -> content, plus the change file if one was applied
    first_seen_on date not null,                    -- the day (Europe/Amsterdam) it first ran
    first_seen_at timestamp with time zone not null
);

-- One row per run. Every batch takes this row's lock first, reads the cursor, and moves it on in the same transaction:
-- runs started together on several nodes take turns and never do a case twice; a crash resumes after last_case_id.
create table policy_impact_run (
    run_key       varchar(40) primary key,
    kind          varchar(8) not null,              -- VERSION or DATE
    on_date       date not null,                    -- the day the cases are evaluated for
    old_version   varchar(80) not null,
    new_version   varchar(80) not null,
    started_at    timestamp with time zone not null,
    finished_at   timestamp with time zone,
    last_org_id   uuid,                             -- the cursor: organisations in id order, their cases in id order
    last_case_id  uuid,
    cases_seen    bigint not null,
    cases_changed bigint not null
);

-- The cases a run created a review task on: at most one per (run, case), whatever the number of nodes.
create table policy_impact_case (
    run_key  varchar(40) not null,
    case_id  uuid not null references case_file (id) on delete cascade,
    org_id   uuid not null,
    task_id  uuid not null,
    primary key (run_key, case_id)
);
create index policy_impact_case_case on policy_impact_case (case_id);

-- The timeline entry of a policy change names the old and the new framework with their sources: encrypted under the
-- case's key like every other content of a case (the standard alone would say which group the person belongs to).
alter table case_event add column detail bytea;

-- Keyset pagination over one organisation's cases.
create index case_file_org_id on case_file (org_id, id);

-- In-app notices on the staff home (identity module): one per organisation and key, counts only.
create table staff_notice (
    id          uuid primary key,
    org_id      uuid not null references organisation (id),
    notice_key  varchar(60) not null,
    role        varchar(32) not null,               -- who sees it: COORDINATOR
    message     varchar(60) not null,               -- a message-bundle key
    on_date     date,
    count_a     bigint not null,
    count_b     bigint not null,
    created_at  timestamp with time zone not null,
    unique (org_id, notice_key)
);
