-- Issue #15, point 12 (cases): a referral follows the scope of the case it came from. The case itself moves to the
-- receiving organisation, so the referring side records whom it was assigned to and how it was handled at the time;
-- the same condition as for cases (CaseScope) then decides who sees and withdraws the referral. Referrals made before
-- this migration have neither: only coordinators see them.
alter table case_referral add column assignee_id uuid;
alter table case_referral add column handling varchar(20);

-- Issue #15, point 9 (statistics): published numbers change only at release points. stat_request_count and
-- stat_open_profile stay the live counts the listener keeps; at each release point they are copied, in one
-- transaction, into these published tables, which are all that the API, the pages, the exports and the what-if read.
-- An analyst comparing two readings between release points therefore cannot see a single request arrive.
create table stat_request_published (
    org_id     uuid not null,
    stat_year  smallint not null,
    dimension  varchar(16) not null,
    bucket     varchar(32) not null,
    requests   bigint not null,
    primary key (org_id, stat_year, dimension, bucket)
);
create table stat_open_published (
    org_id       uuid not null,
    nationality  varchar(2) not null,
    group_codes  varchar(120) not null,
    fact_codes   varchar(1000) not null,
    cases        bigint not null,
    primary key (org_id, nationality, group_codes, fact_codes)
);
-- When the published tables were last released (one row, from the first release on). Every release updates it first,
-- so releases started together on several nodes take turns on its row lock.
create table stat_release (
    id           smallint primary key,
    released_at  timestamp with time zone not null
);
