import type { PublicWorkflowState, WorkflowState } from './workflow.schema.ts';

/** The public variant of a workflow state: transitions (action, from, to, time) only, nothing to fire. */
export function publicWorkflowState(state: WorkflowState): PublicWorkflowState {
  return {
    tableId: state.tableId,
    status: state.status,
    version: state.version,
    editable: state.editable,
    // Anonymous visitors can fire nothing; the list is empty already, kept empty here on purpose.
    available: [],
    history: state.history.map((event) => ({
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      createdAt: event.createdAt,
    })),
  };
}
