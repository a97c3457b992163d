/** No request body of Pejling nests deeper; a deeper one is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

/** How deep arrays and objects nest in a JSON text (0 for a scalar), read without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

interface Container {
  /** The keys seen so far (objects only). */
  keys?: Set<string>;
  /** The path of this container, and of its current element or member. */
  path: string;
  index: number;
  /** Objects: the next string is a key (after `{` or `,`), not a value. */
  expectKey: boolean;
  member?: string;
}

/**
 * The paths of keys given twice in one JSON object (`figures[0].value`). JSON.parse keeps the
 * last one and says nothing, so `{"value": 1, "value": 2}` would store a value the sender may
 * not have meant. One pass over the text that only looks at structure and keys (a full JSON
 * parser such as momoa took 11 times as long as JSON.parse on a 1,7 MB figures batch; this takes
 * about as long). Keys are compared decoded (`"\u0076alue"` is `value`). A text that is not
 * JSON may give any answer: the body parser reports it.
 */
export function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  const stack: Container[] = [];
  const childPath = (parent: Container | undefined): string =>
    parent === undefined
      ? ''
      : parent.keys
        ? parent.path
          ? `${parent.path}.${parent.member}`
          : (parent.member ?? '')
        : `${parent.path}[${parent.index}]`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: find its end, skipping escapes.
      let end = i + 1;
      let escaped = false;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? ((escaped = true), 2) : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        let key = raw;
        if (escaped) {
          try {
            key = JSON.parse(`"${raw}"`) as string;
          } catch {
            return found;
          }
        }
        if (top.keys.has(key)) found.push(top.path ? `${top.path}.${key}` : key);
        top.keys.add(key);
        top.member = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      const path = childPath(stack[stack.length - 1]);
      stack.push({ path, index: 0, expectKey: c === 0x7b, ...(c === 0x7b ? { keys: new Set<string>() } : {}) });
    } else if (c === 0x7d || c === 0x5d) {
      if (stack.pop() === undefined) return found;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.index += 1;
    }
  }
  return found;
}
