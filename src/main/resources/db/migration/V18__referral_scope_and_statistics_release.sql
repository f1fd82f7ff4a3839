-- Issue #15, point 12 (cases): a referral follows the scope of the case it came from. The case itself moves to the
-- receiving organisation, so the referring side records whom it was assigned to and how it was handled at the time;
-- the same condition as for cases (CaseScope) then decides who sees and withdraws the referral. Referrals made before
-- this migration have neither: only coordinators see them.
alter table case_referral add column assignee_id uuid;
alter table case_referral add column handling varchar(20);
