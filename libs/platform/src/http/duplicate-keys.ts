import { parse } from '@humanwhocodes/momoa';
import type { AnyNode } from '@humanwhocodes/momoa';

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

/**
 * The paths of keys given twice in one JSON object (`figures[0].value`). JSON.parse keeps the
 * last one and says nothing, so `{"value": 1, "value": 2}` would store a value the sender may
 * not have meant. Read with momoa's JSON parser; a text that is not JSON has none (the body
 * parser reports it).
 */
export function duplicateKeys(text: string): string[] {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(text, { mode: 'json', ranges: false, tokens: false });
  } catch {
    return [];
  }
  const found: string[] = [];
  const visit = (node: AnyNode, path: string): void => {
    if (node.type === 'Object') {
      const seen = new Set<string>();
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        const at = path ? `${path}.${key}` : key;
        if (seen.has(key)) found.push(at);
        seen.add(key);
        visit(member.value, at);
      }
    } else if (node.type === 'Array') {
      node.elements.forEach((element, index) => visit(element.value, `${path}[${index}]`));
    }
  };
  visit(document.body, '');
  return found;
}
