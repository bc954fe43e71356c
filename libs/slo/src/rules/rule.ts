/**
 * A rule: a pure function of its input, named and documented, testable without Nest or a
 * database. The evaluator gathers inputs from the rollups and composes the rules.
 */
export interface Rule<I, R> {
  readonly id: string;
  readonly description: string;
  evaluate(input: I): R;
}
