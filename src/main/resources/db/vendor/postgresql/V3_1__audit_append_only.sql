-- PostgreSQL only: audit_event is append-only. A row, once written, cannot be changed or removed by
-- the application's database role; only a superuser or the table's owner who disables the trigger can,
-- and the chain (haven audit verify) then names the first changed row. In production the application
-- role should also lack UPDATE, DELETE and TRUNCATE privileges on audit_event.

create function audit_event_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();
