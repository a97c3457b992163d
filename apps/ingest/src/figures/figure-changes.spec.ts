import { FigureInput } from '@pejling/domain-figures';
import { changedFigures, changesAgainst, recordedEvents, revisionsOf, sortedByKey } from './figure-changes';
import type { StoredFigure } from '../persistence/figures.repository';

const figure = (series: string, value: number): FigureInput => ({
  municipality: '147',
  series,
  period: '2021-07',
  value,
  unit: 'full-time-persons',
  source: 'jobindsats',
});
const ids: Record<string, string> = {
  sygedagpenge: '00000000-0000-4000-8000-00000000000a',
  kontanthjaelp: '00000000-0000-4000-8000-00000000000b',
};
const stored = (series: string, value: number, revision = 1): StoredFigure => ({
  id: ids[series],
  source: 'jobindsats',
  series,
  municipality: '147',
  period: '2021-07',
  value,
  revision,
  source_updated_at: null,
});

describe('figure changes', () => {
  it('sorts figures by key, so every writer inserts new keys in the same order', () => {
    expect(sortedByKey([figure('sygedagpenge', 1), figure('a-dagpenge', 2)]).map((row) => row.series)).toEqual([
      'a-dagpenge',
      'sygedagpenge',
    ]);
  });

  it('tells new, revised and unchanged figures apart, and publishes only the new and revised', () => {
    const changes = changesAgainst(
      [figure('a-dagpenge', 10), figure('sygedagpenge', 1300), figure('kontanthjaelp', 7)],
      [stored('sygedagpenge', 1217, 1), stored('kontanthjaelp', 7)],
    );
    expect(changes.created.map((row) => [row.series, row.periodKind, row.periodEnd])).toEqual([['a-dagpenge', 'month', '2021-07']]);
    expect(changes.revised.map(({ figure: row, before }) => [row.series, before.value])).toEqual([['sygedagpenge', 1217]]);
    expect(changes.unchanged).toBe(1);
    expect(revisionsOf(changes)).toEqual([{ id: ids.sygedagpenge, value: 1300, sourceUpdatedAt: null }]);
    expect(changedFigures(changes)).toEqual([figure('a-dagpenge', 10), figure('sygedagpenge', 1300)]);
    const events = recordedEvents(changes, '00000000-0000-4000-8000-000000000001');
    expect(events.map((event) => event.payload)).toMatchObject([
      { series: 'a-dagpenge', value: 10, previousValue: null, revision: 1 },
      { figureId: ids.sygedagpenge, series: 'sygedagpenge', value: 1300, previousValue: 1217, revision: 2 },
    ]);
  });
});
