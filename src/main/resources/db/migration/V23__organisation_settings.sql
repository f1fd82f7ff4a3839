-- Organisation settings and the audit-log viewer (issue #19 point 11, administration).

-- What an organisation's ADMIN sets on /admin/organisation (identity module). Both shown on the organisation's public
-- intake form; null: Haven's default quick-exit address (haven.intake.quick-exit-url) and no welcome text.
alter table organisation add column quick_exit_url varchar(500);    -- an https:// address of a neutral site
alter table organisation add column intake_welcome varchar(2000);   -- plain text, shown escaped

-- The audit-log viewer reads one organisation's events, newest first (audit module, AuditTrail).
create index audit_event_org_seq on audit_event (org_id, seq);
