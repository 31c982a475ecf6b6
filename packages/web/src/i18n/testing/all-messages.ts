import { loadMessages, type MessageFeature } from '../messages.ts';
import { zhByFeature } from '../messages.zh.ts';

/** Every feature's Chinese in the registry, as if every route had been opened: for tests that render pages. */
export function loadAllMessages(): Promise<void> {
  return loadMessages(Object.keys(zhByFeature) as MessageFeature[]);
}
