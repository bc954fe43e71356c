/**
 * A syntax check of the PromQL the dashboards use (no Prometheus runs here): balanced
 * brackets, label matchers of the form `name op "value"`, durations in range selectors, known
 * functions and aggregations, range vectors where a function needs one. Returns the metric
 * names the expression selects, for checking them against the platform's registry.
 */
const FUNCTIONS = new Set([
  'abs',
  'absent',
  'avg_over_time',
  'ceil',
  'changes',
  'clamp',
  'clamp_max',
  'clamp_min',
  'count_over_time',
  'delta',
  'deriv',
  'exp',
  'floor',
  'histogram_quantile',
  'idelta',
  'increase',
  'irate',
  'label_replace',
  'last_over_time',
  'ln',
  'max_over_time',
  'min_over_time',
  'predict_linear',
  'quantile_over_time',
  'rate',
  'resets',
  'round',
  'scalar',
  'sort',
  'sort_desc',
  'sum_over_time',
  'time',
  'timestamp',
  'vector',
]);
const AGGREGATIONS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'group',
]);
const RANGE_FUNCTIONS = new Set([
  'rate',
  'irate',
  'increase',
  'delta',
  'idelta',
  'deriv',
  'changes',
  'resets',
  'predict_linear',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
  'quantile_over_time',
  'last_over_time',
]);
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
]);
const TOKEN =
  /\s*(?:(?<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?<dur>\d+[a-zA-Z]+)|(?<num>\d+(?:\.\d+)?)|(?<id>[a-zA-Z_:][a-zA-Z0-9_:]*)|(?<op>=~|!~|==|!=|<=|>=|[-+*/%^<>=,(){}[\]]))/y;

interface Token {
  readonly kind: 'str' | 'dur' | 'num' | 'id' | 'op';
  readonly text: string;
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length) {
    if (/^\s*$/.test(expr.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expr);
    if (!m?.groups) throw new Error(`PromQL: unexpected text at ${at}: ${expr.slice(at, at + 20)}`);
    const kind = (['str', 'dur', 'num', 'id', 'op'] as const).find((k) => m.groups?.[k] !== undefined);
    if (!kind) throw new Error(`PromQL: unexpected text at ${at}`);
    tokens.push({ kind, text: m.groups[kind] });
  }
  return tokens;
}

export function checkPromql(expr: string): string[] {
  const t = tokenize(expr);
  const metrics = new Set<string>();
  const stack: Array<{ open: string; fn?: string; sawRange: boolean }> = [];
  const close: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    const next = t[i + 1];
    if (tok.kind === 'op' && '({['.includes(tok.text)) {
      if (tok.text === '{') {
        i = labelMatchers(t, i + 1, expr);
        continue;
      }
      if (tok.text === '[') {
        const prev = t[i - 1];
        if (!prev || !(prev.kind === 'id' || prev.text === '}'))
          throw new Error(`PromQL: range without a selector in ${expr}`);
        const dur = t[i + 1];
        if (dur?.kind !== 'dur' || !/^\d+(ms|s|m|h|d|w|y)$/.test(dur.text) || t[i + 2]?.text !== ']') {
          throw new Error(`PromQL: bad range duration in ${expr}`);
        }
        const fnFrame = [...stack].reverse().find((f) => f.open === '(');
        if (fnFrame) fnFrame.sawRange = true;
        i += 2;
        continue;
      }
      const prev = t[i - 1];
      stack.push({ open: '(', fn: prev?.kind === 'id' ? prev.text : undefined, sawRange: false });
      continue;
    }
    if (tok.kind === 'op' && ')}]'.includes(tok.text)) {
      const top = stack.pop();
      if (!top || top.open !== close[tok.text]) throw new Error(`PromQL: unbalanced ${tok.text} in ${expr}`);
      if (top.fn && RANGE_FUNCTIONS.has(top.fn) && !top.sawRange) {
        throw new Error(`PromQL: ${top.fn}() needs a range vector in ${expr}`);
      }
      continue;
    }
    if (tok.kind !== 'id') continue;
    if (next?.text === '(') {
      if (KEYWORDS.has(tok.text)) {
        // by (...) / without (...): a list of label names.
        let j = i + 2;
        while (t[j] && t[j].text !== ')') {
          if (t[j].kind !== 'id' && t[j].text !== ',') throw new Error(`PromQL: bad label list in ${expr}`);
          j++;
        }
        if (!t[j]) throw new Error(`PromQL: unbalanced ( in ${expr}`);
        i = j;
        continue;
      }
      if (!FUNCTIONS.has(tok.text) && !AGGREGATIONS.has(tok.text))
        throw new Error(`PromQL: unknown function ${tok.text}`);
      continue;
    }
    if (KEYWORDS.has(tok.text) || AGGREGATIONS.has(tok.text)) continue;
    metrics.add(tok.text);
  }
  if (stack.length) throw new Error(`PromQL: unclosed ${stack[stack.length - 1].open} in ${expr}`);
  if (metrics.size === 0) throw new Error(`PromQL: no metric selected in ${expr}`);
  return [...metrics];
}

/** `{name op "value", ...}` from token `i`; returns the index of the closing brace. */
function labelMatchers(t: Token[], i: number, expr: string): number {
  let j = i;
  while (t[j] && t[j].text !== '}') {
    const [name, op, value] = [t[j], t[j + 1], t[j + 2]];
    if (name?.kind !== 'id' || !['=', '!=', '=~', '!~'].includes(op?.text ?? '') || value?.kind !== 'str') {
      throw new Error(`PromQL: bad label matcher in ${expr}`);
    }
    j += 3;
    if (t[j]?.text === ',') j++;
  }
  if (!t[j]) throw new Error(`PromQL: unclosed { in ${expr}`);
  return j;
}
