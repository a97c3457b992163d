import type { SeedCheckResult, SeedCheckRow } from './run-seed-check';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Counts per verdict: how many goals' states, own figures and comparisons were reproduced, and why the others were not. */
export function seedCheckCounts(result: SeedCheckResult) {
  const judged = result.rows.filter((row) => row.verdict !== null);
  const count = (pick: (row: SeedCheckRow) => string) =>
    judged.reduce<Record<string, number>>((all, row) => ({ ...all, [pick(row)]: (all[pick(row)] ?? 0) + 1 }), {});
  return {
    goals: judged.length,
    notEncoded: result.rows.length - judged.length,
    mismatches: judged.filter((row) => row.verdict?.mismatch).length,
    state: count((row) => row.verdict!.state),
    figure: count((row) => row.verdict!.figure),
    comparison: count((row) => row.verdict!.comparison),
  };
}

function countLine(name: string, counts: Record<string, number>): string {
  return `${name}: ${Object.entries(counts)
    .map(([verdict, n]) => `${verdict} ${n}`)
    .join(', ')}`;
}

/** The summary lines under the table. */
export function seedCheckSummary(result: SeedCheckResult): string[] {
  const counts = seedCheckCounts(result);
  return [
    `${counts.goals} encoded goals (${counts.notEncoded} listed as not encoded), ${counts.mismatches} mismatch${counts.mismatches === 1 ? '' : 'es'}; ${(result.durationMs / 1000).toFixed(1)} s`,
    countLine('state', counts.state),
    countLine('own figure', counts.figure),
    countLine('comparison', counts.comparison),
    ...(result.nationalRows.refused
      ? [`national figures: ${result.nationalRows.reason}`]
      : ['national figures: the "Hele landet" rows were accepted']),
    `quality flags raised by the imports: ${result.qualityFlags.map((flag) => `${flag.check} ${flag.municipality}/${flag.series}/${flag.period}`).join(', ') || 'none'}`,
  ];
}

/** One line per goal for a terminal. */
export function seedCheckTable(result: SeedCheckResult): string {
  const header = ['plan', 'goal', 'seed', 'Pejling', 'own figure', 'comparison', 'state', 'notes'];
  const lines = result.rows.map((row) =>
    row.verdict
      ? [
          row.plan,
          row.goal,
          row.seedState,
          row.pejlingState,
          row.verdict.figure,
          row.verdict.comparison,
          row.verdict.mismatch ? 'MISMATCH' : row.verdict.state,
          row.verdict.notes.join('; '),
        ]
      : [row.plan, row.goal, 'not encoded', '', '', '', '', row.printed],
  );
  const widths = header.map((title, at) => Math.min(40, Math.max(title.length, ...lines.map((line) => line[at].length))));
  const format = (line: string[]) => line.map((text, at) => (at === line.length - 1 ? text : text.padEnd(widths[at]))).join('  ');
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}

/** The same as a Markdown table, for the README. */
export function seedCheckMarkdown(result: SeedCheckResult): string {
  const lines = [
    "| plan | goal | seed status | seed state | Pejling state | own figure | comparison | verdict | notes | Pejling's explanation |",
    '|---|---|---|---|---|---|---|---|---|---|',
    ...result.rows.map((row) =>
      row.verdict
        ? `| ${row.plan} | ${row.goal} | ${cell(row.printed)} | ${row.seedState} | ${row.pejlingState} | ${row.verdict.figure} | ${row.verdict.comparison} | ${row.verdict.mismatch ? '**mismatch**' : row.verdict.state} | ${cell(row.verdict.notes.join('; '))} | ${cell(row.explanation)} |`
        : `| ${row.plan} | ${row.goal} | not encoded | | | | | | ${cell(row.printed)} | |`,
    ),
  ];
  return lines.join('\n');
}
