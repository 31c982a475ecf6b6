import { distinctiveIndicatorNames } from '@jixiao/core/peers/distinctive-names';
import { type PeerProject, peerLimits } from '@jixiao/core/peers/peer.schema';
import { peerProjectOf } from '@jixiao/core/peers/peer-project';
import type { RuleSet } from '@jixiao/core/review/rule-sets';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Database } from '@jixiao/db/database';
import { findPeerProjects } from '@jixiao/db/peer-projects.repository';

/**
 * The similar projects (案例库) of a table, as the editor lists them and the evidence rules (P01–P03)
 * read them: published tables of the same category whose labels fit the rule set's framework, ranked by
 * how near their names, indicator names and narratives are to the table's; a project under another
 * name is found by the uncommon indicator names it shares (not the generic ones every project prints). Published tables are public, so every reader may see them.
 */
export async function similarProjects(
  db: Database,
  table: PerformanceTable,
  set: RuleSet,
  excludeTableId: string | null,
): Promise<PeerProject[]> {
  const sources = await findPeerProjects(db, {
    name: table.name,
    category: table.category?.trim() || null,
    level1Keys: set.params.framework.level1.flatMap((c) => [c.name, ...c.aliases]),
    excludeTableId,
    limit: peerLimits.count,
    minSimilarity: peerLimits.minSimilarity,
    indicators: table.indicators.map((i) => i.name).join(' '),
    indicatorNames: distinctiveIndicatorNames(table),
    narrative: [table.narrative?.overview, table.narrative?.necessity, table.narrative?.goals]
      .filter((text): text is string => Boolean(text?.trim()))
      .join(' '),
  });
  return sources.map(peerProjectOf);
}
