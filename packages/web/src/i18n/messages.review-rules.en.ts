import type { reviewRulesMessages } from './messages.review-rules.ts';

/** English words of the automatic review findings panel (rule engine). Loaded with messages.en.ts, only when English is chosen. */
export const reviewRulesEn = {
  'findings.title': 'Automatic review',
  'findings.ruleSet': 'Rule set',
  'findings.auto': 'Automatic',
  'findings.severity.error': 'Errors',
  'findings.severity.warning': 'Warnings',
  'findings.severity.hint': 'Hints',
  'findings.none': 'No problems found',
  'findings.summary': '{error} errors · {warning} warnings · {hint} hints',
  'findings.invalid': 'Fix the errors in the form first, then the automatic review runs',
  'findings.goTo': 'Go to this field',
} satisfies Record<keyof typeof reviewRulesMessages.zh, string>;
