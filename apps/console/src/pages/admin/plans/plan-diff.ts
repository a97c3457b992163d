import { structuredPatch } from 'diff';

export interface DiffRow {
  kind: 'hunk' | 'added' | 'removed' | 'same';
  oldLine: number | null;
  newLine: number | null;
  text: string;
}

export interface PlanDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
}

/** A unified line diff of two plan files (3 lines of context), as table rows with both line numbers. */
export function planDiff(before: string, after: string): PlanDiff {
  const patch = structuredPatch('before', 'after', before, after, '', '', { context: 3 });
  const rows: DiffRow[] = [];
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    rows.push({ kind: 'hunk', oldLine: hunk.oldStart, newLine: hunk.newStart, text: '' });
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const sign = line[0];
      const text = line.slice(1);
      if (sign === '+') {
        rows.push({ kind: 'added', oldLine: null, newLine: newLine++, text });
        added += 1;
      } else if (sign === '-') {
        rows.push({ kind: 'removed', oldLine: oldLine++, newLine: null, text });
        removed += 1;
      } else if (sign === ' ') {
        rows.push({ kind: 'same', oldLine: oldLine++, newLine: newLine++, text });
      }
    }
  }
  return { rows, added, removed };
}
