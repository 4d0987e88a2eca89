// An approval or prompt as SOAR's /rest/approval shows it (the names SOAR's playbook run message
// uses for its approvals: action, action_name, action_run, approval_type "manual", owner_type,
// start_time, close_time), with what the inbox needs besides: the container, the questions of a
// prompt and the answers given.
import type { SoarApprovalRecord } from "../domain/soar-approvals";
import { phantomTime as iso } from "./shapes";

export function soarApprovalToRest(a: SoarApprovalRecord) {
  return {
    id: a.id,
    type: a.kind,
    approval_type: "manual",
    action: a.action,
    action_name: a.action_name,
    action_run: a.action_run,
    playbook_run: a.playbook_run,
    container: a.container,
    asset: a.asset,
    status: a.status,
    stage: a.stage,
    owner: a.owner,
    owner_type: a.owner_type,
    approvers: a.approvers,
    start_time: iso(a.start_time),
    close_time: iso(a.close_time),
    due_time: iso(a.due_time),
    prompt: a.prompt_message,
    questions: a.questions,
    responses: a.responses,
    responder: a.responder,
    message: a.message,
  };
}
