-- SOAR's /rest/approval lists the approvals of gated actions and the prompts of playbooks as one
-- kind of record with one id space (POST /rest/approval/<id> answers either). Approvals now take
-- their ids from the prompts' sequence (playbook_callbacks_id_seq), so no approval shares an id
-- with a prompt. Approvals made before this migration whose id a callback already has are
-- renumbered, with their SLA clocks and notifications (audit rows keep the old id: the audit
-- trail is hash-chained and never rewritten).
select setval('playbook_callbacks_id_seq', greatest(
  (select coalesce(max(id), 0) from approvals), (select coalesce(max(id), 0) from playbook_callbacks), 1));

create temporary table approval_renumber as
  select a.id as old_id, nextval('playbook_callbacks_id_seq')::int as new_id
  from approvals a where exists (select 1 from playbook_callbacks cb where cb.id = a.id);
update approvals a set id = r.new_id from approval_renumber r where a.id = r.old_id;
update sla_timers t set object_id = r.new_id from approval_renumber r where t.object_type = 'approval' and t.object_id = r.old_id;
update notifications n set object_id = r.new_id from approval_renumber r where n.object_type = 'approval' and n.object_id = r.old_id;

alter table approvals alter column id set default nextval('playbook_callbacks_id_seq');
drop sequence if exists approvals_id_seq;
drop table approval_renumber;
