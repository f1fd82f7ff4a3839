-- Statistics (statistics module): counts only, kept up to date by a listener inside the transaction that changes a
-- case. No case id, no name, no free text, never a row per case: the groups and facts of a person are special-category
-- data; counts over them are statistics. Rows are never deleted (a count may go back to 0), so that concurrent
-- changes never lose an increment.

-- Requests by the month they arrived, one row per (organisation, year, dimension, key): the one-way breakdowns the
-- dashboard, the API and the exports publish (month, nationality, group category, route, status, stage). Every
-- request is in exactly one key of every dimension, so each dimension's rows sum to the same total.
create table stat_request_count (
    org_id     uuid not null,
    stat_year  smallint not null,
    dimension  varchar(16) not null,     -- month, nationality, group, route, status, stage
    bucket     varchar(32) not null,     -- e.g. 2025-04, US, trans, asylum, triage, general-procedure
    requests   bigint not null,
    primary key (org_id, stat_year, dimension, bucket)
);

-- Open cases by what the policy what-if needs: nationality, the sorted group codes and the sorted fact codes (only
-- codes of the policy data set). Each distinct combination is evaluated once and multiplied by its count.
create table stat_open_profile (
    org_id       uuid not null,
    nationality  varchar(2) not null,     -- '' when not given
    group_codes  varchar(120) not null,   -- e.g. 'gay,trans'
    fact_codes   varchar(1000) not null,  -- e.g. 'military-dismissal'
    cases        bigint not null,
    primary key (org_id, nationality, group_codes, fact_codes)
);
