import { INCIDENT_STATUSES } from './incident';
import { INCIDENT_TRANSITIONS, canTransition } from './incident-status';

describe('incident lifecycle', () => {
  it('follows new -> acknowledged -> investigating -> monitoring -> resolved -> closed', () => {
    const path = ['new', 'acknowledged', 'investigating', 'monitoring', 'resolved', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('makes closed, cancelled and merged final', () => {
    for (const s of ['closed', 'cancelled', 'merged'] as const) {
      for (const to of INCIDENT_STATUSES) expect(canTransition(s, to)).toBe(false);
    }
  });

  it('lets every open incident be cancelled or merged, and only those', () => {
    for (const from of INCIDENT_STATUSES) {
      const open = ['new', 'acknowledged', 'investigating', 'monitoring'].includes(from);
      expect(canTransition(from, 'cancelled')).toBe(open);
      expect(canTransition(from, 'merged')).toBe(open);
    }
  });

  it('never goes back to new and never skips resolution before closing', () => {
    for (const from of INCIDENT_STATUSES) {
      expect(INCIDENT_TRANSITIONS[from]).not.toContain('new');
      if (from !== 'resolved') expect(canTransition(from, 'closed')).toBe(false);
    }
  });
});
