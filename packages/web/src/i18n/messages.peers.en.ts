import type { peersMessages } from './messages.peers.ts';

/** English words of the similar projects (案例库) in the editor. Loaded with messages.en.ts, only when English is chosen. */
export const peersEn = {
  'peers.open': 'Similar projects ({n})',
  'peers.failed': 'Similar projects could not be loaded: retry',
  'peers.title': 'Similar projects (case library)',
  'peers.intro':
    'Published projects of the same category and framework with similar names: see their indicators, targets and the actual values their self-evaluations reported, and adopt an indicator with its target in one click.',
  'peers.none': 'No similar projects found',
  'peers.similarity': '{p}% similar',
  'peers.grade': 'Self-evaluation {grade} ({total} points)',
  'peers.notEvaluated': 'Not evaluated yet',
  'peers.budget': 'Budget of the year {amount}',
  'peers.unitCosts': 'Unit costs',
  'peers.unitCostsSummary': 'Unit costs of similar projects',
  'peers.costNote':
    'Unit cost {own} yuan per {per} ({basis}); similar projects {low}–{high} yuan per {per} ({n})',
  'peers.basis.actual': 'achieved',
  'peers.basis.target': 'by target',
  'peers.basis.stated': 'cost indicator',
  'peers.indicator': 'Indicator',
  'peers.target': 'Target',
  'peers.actual': 'Actual',
  'peers.score': 'Score',
  'peers.adopt': 'Adopt',
  'peers.adopted': 'Adopted "{name}" with its target {target}',
  'peers.adoptedFrom': 'From {project} ({year})',
  'peers.adoptedFromTip': 'Adopted from the table {unit} published for "{project}" in {year}{actual}',
  'peers.adoptedActual': '; it achieved {actual} that year',
} satisfies Record<keyof typeof peersMessages.zh, string>;
