import { Rule } from './rule';

export interface HourlyDeliveryInput {
  /** Receipt time of the participant's last aanlevering; null when none is on record. */
  readonly lastDeliveryMs: number | null;
  readonly nowMs: number;
  readonly maxAgeSeconds: number;
  readonly graceSeconds: number;
}

export interface HourlyDeliveryResult {
  readonly firing: boolean;
  readonly ageSeconds: number | null;
  readonly reason: string;
}

/**
 * MedMij: participants deliver as often as possible, at least once an hour. Any aanlevering
 * counts (also one that was technisch niet OK: the participant is delivering). Fires once the
 * last one is older than the maximum age plus a grace for transport.
 */
export const hourlyDeliveryRule: Rule<HourlyDeliveryInput, HourlyDeliveryResult> = {
  id: 'hourly-delivery',
  description: 'the last aanlevering is older than maxAgeSeconds + graceSeconds',
  evaluate({ lastDeliveryMs, nowMs, maxAgeSeconds, graceSeconds }) {
    if (lastDeliveryMs === null)
      return { firing: true, ageSeconds: null, reason: 'no aanlevering on record' };
    const ageSeconds = Math.max(0, (nowMs - lastDeliveryMs) / 1000);
    const firing = ageSeconds > maxAgeSeconds + graceSeconds;
    return {
      firing,
      ageSeconds,
      reason: firing
        ? `last aanlevering ${Math.floor(ageSeconds / 60)} minutes ago (rule: at least every ${maxAgeSeconds / 60} minutes)`
        : '',
    };
  },
};
