-- Two more workflow steps: 撤回 (the author takes a submission back before the department decides) and
-- 撤销公开 (an administrator takes a publication off the portal with a reason, which the portal shows).
ALTER TABLE workflow_events DROP CONSTRAINT workflow_events_action_check;
ALTER TABLE workflow_events ADD CONSTRAINT workflow_events_action_check
  CHECK (action IN ('submit', 'withdraw', 'forward', 'return', 'approve', 'publish', 'adjust', 'unpublish'));
