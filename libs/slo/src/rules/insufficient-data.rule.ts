import { Rule } from './rule';

export interface InsufficientDataInput {
  /** Chains attributed to the entity that the entity's own side logged. */
  readonly ownLogged: number;
  /** All chains attributed to the entity. */
  readonly attributed: number;
  /** Below this share the entity's figures are not trusted; undefined: the guard is off. */
  readonly minOwnLoggingShare: number | undefined;
  /** The entity's participant(s) broke the hourly delivery rule: recent lines are missing. */
  readonly deliveryOverdue: boolean;
}

export interface InsufficientDataResult {
  readonly insufficient: boolean;
  readonly ownLoggingShare: number | null;
  readonly reason: string;
}

/**
 * "Insufficient data": an entity whose own logging is incomplete cannot be judged on the
 * chains it did not log (the spec: a one-sided chain is either a failure or a participant that
 * did not log). While insufficient, its burn-rate alerts neither fire nor clear; the hourly
 * delivery and one-sided/completeness SLOs report the logging problem itself.
 */
export const insufficientDataRule: Rule<InsufficientDataInput, InsufficientDataResult> = {
  id: 'insufficient-data',
  description: 'the entity logged too few of its own chains, or stopped delivering',
  evaluate({ ownLogged, attributed, minOwnLoggingShare, deliveryOverdue }) {
    const share = attributed > 0 ? ownLogged / attributed : null;
    if (deliveryOverdue)
      return { insufficient: true, ownLoggingShare: share, reason: 'deliveries are overdue' };
    if (minOwnLoggingShare !== undefined && share !== null && share < minOwnLoggingShare) {
      return {
        insufficient: true,
        ownLoggingShare: share,
        reason: `logged ${ownLogged} of its ${attributed} chains (${(share * 100).toFixed(1)}% < ${minOwnLoggingShare * 100}%)`,
      };
    }
    return { insufficient: false, ownLoggingShare: share, reason: '' };
  },
};
