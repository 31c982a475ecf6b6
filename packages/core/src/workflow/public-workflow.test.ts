import { describe, expect, it } from 'vitest';
import { publicWorkflowState } from './public-workflow.ts';
import { publicWorkflowStateSchema, type WorkflowState, workflowStateSchema } from './workflow.schema.ts';

function returnedThenPublished(): WorkflowState {
  const event = (n: number, action: 'submit' | 'return' | 'publish', from: string, to: string) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    tableId: '00000000-0000-4000-8000-0000000000aa',
    action,
    fromStatus: from,
    toStatus: to,
    fromVersion: n,
    toVersion: n + 1,
    actorId: `user-${n}`,
    actorName: '王审核',
    comment: action === 'return' ? '绩效指标不够细化，评级：良' : null,
    reason: null,
    createdAt: `2026-11-0${n}T08:00:00.000Z`,
  });
  return workflowStateSchema.parse({
    tableId: '00000000-0000-4000-8000-0000000000aa',
    status: 'published',
    version: 4,
    editable: false,
    available: [],
    history: [
      event(1, 'submit', 'draft', 'submitted'),
      event(2, 'return', 'submitted', 'returned'),
      event(3, 'publish', 'approved', 'published'),
    ],
  });
}

describe('publicWorkflowState', () => {
  it('keeps action, from, to and time of each transition and drops names, comments and reasons', () => {
    const state = publicWorkflowState(returnedThenPublished());
    expect(publicWorkflowStateSchema.parse(state)).toEqual(state);
    expect(state.history).toEqual([
      { action: 'submit', fromStatus: 'draft', toStatus: 'submitted', createdAt: '2026-11-01T08:00:00.000Z' },
      {
        action: 'return',
        fromStatus: 'submitted',
        toStatus: 'returned',
        createdAt: '2026-11-02T08:00:00.000Z',
      },
      {
        action: 'publish',
        fromStatus: 'approved',
        toStatus: 'published',
        createdAt: '2026-11-03T08:00:00.000Z',
      },
    ]);
    const text = JSON.stringify(state);
    expect(text).not.toContain('王审核');
    expect(text).not.toContain('评级');
    expect(text).not.toContain('user-');
  });

  it('does not parse as the full state, so the response union picks the public variant', () => {
    expect(workflowStateSchema.safeParse(publicWorkflowState(returnedThenPublished())).success).toBe(false);
  });
});
