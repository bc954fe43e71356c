import { IncidentStatus } from './incident';

/**
 * The incident lifecycle: new -> acknowledged -> investigating -> monitoring -> resolved ->
 * closed, with shortcuts forward, a way back from monitoring and resolved when the problem
 * returns, and cancelled / merged as exits while the incident is open. closed, cancelled and
 * merged are final.
 */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  new: ['acknowledged', 'investigating', 'monitoring', 'resolved', 'cancelled', 'merged'],
  acknowledged: ['investigating', 'monitoring', 'resolved', 'cancelled', 'merged'],
  investigating: ['monitoring', 'resolved', 'cancelled', 'merged'],
  monitoring: ['investigating', 'resolved', 'cancelled', 'merged'],
  resolved: ['investigating', 'closed'],
  closed: [],
  cancelled: [],
  merged: [],
};

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}
