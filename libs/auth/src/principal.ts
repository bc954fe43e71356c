/** The four roles of the incident and compliance API. */
export const ROLES = ['operator', 'incident-handler', 'participant', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as proven by a verified token. A `participant` principal always carries the
 * participant id it acts for and sees only that participant's data.
 */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly participantId?: string;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}

/**
 * True when the principal is limited to one participant's data: it has the participant role
 * and no role that sees everything.
 */
export function isParticipantScoped(principal: Principal): boolean {
  return (
    principal.roles.includes('participant') && !hasRole(principal, 'operator', 'incident-handler', 'auditor')
  );
}

/** The participant a scoped principal is limited to, or undefined when it may see all. */
export function participantScope(principal: Principal): string | undefined {
  return isParticipantScoped(principal) ? principal.participantId : undefined;
}
