-- Issue #23, ADR 0006 C.9: the policy review of open cases reads their details, which only a key holder of their
-- organisation can open once the master key no longer does. A run therefore goes on per organisation: each has its own
-- cursor here and goes on when a key holder of it brings its keys (a session's or an API token's request); the run is
-- finished when every organisation is. Every batch still takes the run's row lock first (policy_impact_run), so nodes
-- take turns; the run row keeps the totals.
create table policy_impact_org (
    run_key       varchar(40) not null references policy_impact_run (run_key) on delete cascade,
    org_id        uuid not null,
    last_case_id  uuid,
    cases_seen    bigint not null,
    cases_changed bigint not null,
    finished_at   timestamp with time zone,
    primary key (run_key, org_id)
);

-- A run cut short before this version (a crash) goes on where it stopped: the organisations before its cursor are done,
-- the one at its cursor goes on after its last case (the old cursor took organisations in the database's id order, as
-- this comparison does).
insert into policy_impact_org (run_key, org_id, last_case_id, cases_seen, cases_changed, finished_at)
select r.run_key, o.id, case when o.id = r.last_org_id then r.last_case_id end, 0, 0,
       case when o.id < r.last_org_id then r.started_at end
from policy_impact_run r join organisation o on o.id <= r.last_org_id
where r.finished_at is null and r.last_org_id is not null;
