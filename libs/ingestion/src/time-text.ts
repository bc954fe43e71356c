import { chDateTime } from './rows';

/**
 * chDateTime for instants that repeat from one call to the next (the broker's append time of
 * consecutive messages, the processing time of a batch): remembers the last one.
 */
export class RepeatingTime {
  private ms = NaN;
  private text = '';
  format(ms: number): string {
    if (ms !== this.ms) {
      this.ms = ms;
      this.text = chDateTime(ms);
    }
    return this.text;
  }
}

/** The offset the participant wrote its timestamp in, in minutes east of UTC. */
export function utcOffsetMinutes(datetime: string): number {
  if (datetime.endsWith('Z')) return 0;
  const sign = datetime.charAt(datetime.length - 6) === '-' ? -1 : 1;
  const hours = Number(datetime.slice(-5, -3));
  const minutes = Number(datetime.slice(-2));
  return sign * (hours * 60 + minutes);
}
