import { RULES } from '../line-error';
import { findBsnPointers } from '../privacy-guard';
import { LineRule } from './line-rule';

/** No person data: a BSN-like value anywhere makes the line invalid (and it is masked before storage). */
export const bsnRule: LineRule = {
  id: RULES.bsn,
  evaluate: ({ line, mayHoldBsn }) => {
    if (!mayHoldBsn) return undefined;
    const pointers = findBsnPointers(line);
    return pointers.length === 0
      ? undefined
      : {
          rule: RULES.bsn,
          pointer: pointers[0],
          message: `a value that looks like a BSN was found at ${pointers.join(', ')}; it was removed and never stored`,
        };
  },
};
