import { IncidentFilter, IncidentService } from '@app/incidents';
import { IncidentFigures, IncidentRow } from './monthly-report';
import { ReportMonth } from './report-month';

/** What the report reads of the incident service (its MTTA/MTTR logic, not a re-derivation). */
export type IncidentSource = Pick<IncidentService, 'list' | 'stats'>;

const PAGE = 200;

const mean = (values: Array<number | null>): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
};

/**
 * Incidents opened in the month (all of them, or those affecting one participant): the list
 * with each incident's MTTA/MTTR and target breaches (libs/incidents incidentMetrics), the
 * per-priority means (IncidentService.stats), and the means over the month.
 */
export async function incidentFigures(
  incidents: IncidentSource,
  month: ReportMonth,
  participant?: string,
): Promise<IncidentFigures> {
  const filter: Omit<IncidentFilter, 'limit' | 'cursor'> = {
    from: new Date(month.fromMs),
    to: new Date(month.toMs),
    ...(participant ? { participant } : {}),
  };
  const list: IncidentRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await incidents.list({ ...filter, limit: PAGE, cursor });
    for (const i of page.items) {
      list.push({
        number: i.number,
        title: i.title,
        priority: i.priority,
        status: i.status,
        createdAt: i.createdAt.toISOString(),
        mttaSeconds: i.metrics.mttaSeconds,
        mttrSeconds: i.metrics.mttrSeconds,
        reactionBreached: i.metrics.reactionBreached,
        resolutionBreached: i.metrics.resolutionBreached,
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  list.sort((a, b) => a.number - b.number);
  const stats = await incidents.stats(filter);
  return {
    total: list.length,
    mttaSeconds: mean(list.map((i) => i.mttaSeconds)),
    mttrSeconds: mean(list.map((i) => i.mttrSeconds)),
    byPriority: stats.map((s) => ({
      priority: s.priority,
      total: s.total,
      mttaSeconds: s.mttaSeconds,
      mttrSeconds: s.mttrSeconds,
      reactionBreached: s.reactionBreached,
      resolutionBreached: s.resolutionBreached,
    })),
    list,
  };
}
