-- Sealed at rest (issue #23, docs/adr/0006-sealed-at-rest.md C.6, step 8): a file the requester adds on the follow-up
-- page, with nobody of the organisation logged in, is encrypted under the case's thread key (which the codename opens)
-- instead of the case key (which it does not). Staff open it through the case key as the thread's messages.
alter table case_document add column thread boolean default false not null;
