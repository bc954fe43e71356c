import { Incident } from './incident';
import { incidentMetrics } from './incident-priority';

const created = new Date('2025-09-22T10:00:00Z');
const at = (minutes: number) => new Date(created.getTime() + minutes * 60_000);

function incident(overrides: Partial<Incident>): Incident {
  return {
    id: 'i',
    number: 1,
    title: 't',
    description: '',
    priority: 'P1',
    status: 'new',
    source: 'manual',
    dedupKey: null,
    assignee: null,
    publicSummary: '',
    affectedParticipants: [],
    affectedGegevensdiensten: [],
    traceIds: [],
    mergedInto: null,
    version: 1,
    createdBy: 'x',
    createdAt: created,
    updatedAt: created,
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    alertsClearedAt: null,
    ...overrides,
  };
}

describe('incident metrics', () => {
  it('computes MTTA and MTTR and keeps a P1 within its targets', () => {
    const m = incidentMetrics(
      incident({ status: 'resolved', acknowledgedAt: at(10), resolvedAt: at(200) }),
      at(300),
    );
    expect(m).toMatchObject({
      mttaSeconds: 600,
      mttrSeconds: 12_000,
      reactionBreached: false,
      resolutionBreached: false,
    });
    expect(m.reactionDueAt).toEqual(at(15));
    expect(m.resolutionDueAt).toEqual(at(240));
  });

  it('shows a breach while an open incident is still unacknowledged past its reaction target', () => {
    expect(incidentMetrics(incident({}), at(14)).reactionBreached).toBe(false);
    expect(incidentMetrics(incident({}), at(16)).reactionBreached).toBe(true);
    expect(incidentMetrics(incident({ priority: 'P3' }), at(16)).reactionBreached).toBe(false);
  });

  it('records a late resolution as a breach for good', () => {
    const m = incidentMetrics(
      incident({ status: 'closed', acknowledgedAt: at(5), resolvedAt: at(241) }),
      at(10_000),
    );
    expect(m.resolutionBreached).toBe(true);
    expect(m.reactionBreached).toBe(false);
  });

  it('does not count cancelled or merged incidents as breaches', () => {
    expect(incidentMetrics(incident({ status: 'cancelled' }), at(10_000))).toMatchObject({
      reactionBreached: false,
      resolutionBreached: false,
      mttaSeconds: null,
    });
  });
});
