import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export interface PlanTextProblem {
  /** 1-based line and column of the offending YAML node; null for a JSON body. */
  line: number | null;
  column: number | null;
  path: string;
  message: string;
}

/** A plan document read from YAML text (with a way back from a field path to its place in the text) or taken as JSON. */
export type PlanText =
  | { ok: true; document: unknown; locate: (path: string) => { line: number; column: number } | null }
  | { ok: false; errors: PlanTextProblem[] };

/**
 * Parses a plan's YAML keeping the node ranges, so a validation error on `focusAreas.0.goals.1.target`
 * can name the line and column the admin wrote it on. A path that does not exist in the text (a
 * missing field) points at the nearest node that does (the map that lacks it).
 */
export function readPlanText(body: unknown): PlanText {
  if (typeof body !== 'string') return { ok: true, document: body, locate: () => null };
  const lineCounter = new LineCounter();
  const document = parseDocument(body, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return { line: position.line, column: position.col, path: '(yaml)', message: error.message.split('\n')[0] };
      }),
    };
  }
  const locate = (path: string) => {
    let node: unknown = document.contents;
    const parts = path === '(plan)' ? [] : path.split('.');
    // Keys may contain dots themselves (indicator ids such as share.sygedagpenge-mv): the longest key that matches wins.
    for (let at = 0; at < parts.length;) {
      if (isMap(node)) {
        const map = node;
        let step = 0;
        for (let length = parts.length - at; length >= 1 && !step; length--) {
          const key = parts.slice(at, at + length).join('.');
          const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
          if (pair) {
            node = pair.value ?? pair.key;
            step = length;
          }
        }
        if (!step) break;
        at += step;
      } else if (isSeq(node) && /^\d+$/.test(parts[at]) && Number(parts[at]) < node.items.length) {
        node = node.items[Number(parts[at])];
        at += 1;
      } else break;
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return null;
    const position = lineCounter.linePos(range[0]);
    return { line: position.line, column: position.col };
  };
  return { ok: true, document: document.toJS(), locate };
}
