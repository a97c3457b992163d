import { addMonths } from '@pejling/domain-kernel';
import { FigureRef, reviewFigures } from './review';

const figure = (series: string, period: string, value: number, municipality = '147', source = 'jobindsats'): FigureRef => ({
  source,
  series,
  municipality,
  period,
  value,
});

describe('reviewing a batch of stored figures', () => {
  it('finds the Delsum error of Frederiksberg Bilag 1 whichever of total and parts arrives last', () => {
    const july = [
      figure('sygedagpenge', '2021-07', 1217),
      figure('jobafklaringsforloeb', '2021-07', 106),
      figure('sygedagpenge-mv', '2021-07', 1328),
    ];
    for (const last of july) {
      const review = reviewFigures([last], july);
      expect(review.flags.map((flag) => [flag.check, flag.series, flag.details.sumOfParts])).toEqual([
        ['group-total', 'sygedagpenge-mv', 1323],
      ]);
      expect(review.checked).toContainEqual({
        check: 'group-total',
        source: 'jobindsats',
        series: 'sygedagpenge-mv',
        municipality: '147',
        period: '2021-07',
      });
    }
  });

  it('judges a whole file at once: twelve months in any order leave no gap', () => {
    const year = Array.from({ length: 12 }, (_, index) => figure('a-dagpenge', addMonths('2021-01', index), 2000 + index)).reverse();
    expect(reviewFigures(year, year).flags).toEqual([]);
  });

  it('flags a gap, and marks the arrival of the missing period as checked so its flag resolves', () => {
    const stored = [figure('a-dagpenge', '2021-04', 1), figure('a-dagpenge', '2021-05', 1), figure('a-dagpenge', '2021-07', 1)];
    const review = reviewFigures([stored[2]], stored);
    expect(review.checked).toContainEqual({
      check: 'missing-period',
      source: 'jobindsats',
      series: 'a-dagpenge',
      municipality: '147',
      period: '2021-06',
    });
    expect(review.flags).toMatchObject([{ check: 'missing-period', period: '2021-06' }]);
    const filled = reviewFigures([figure('a-dagpenge', '2021-06', 1)], [...stored, figure('a-dagpenge', '2021-06', 1)]);
    expect(filled.flags).toEqual([]);
    expect(filled.checked).toContainEqual({
      check: 'missing-period',
      source: 'jobindsats',
      series: 'a-dagpenge',
      municipality: '147',
      period: '2021-06',
    });
  });

  it('keeps sources, municipalities and period kinds apart', () => {
    const monthly = Array.from({ length: 10 }, (_, index) => figure('a-dagpenge', addMonths('2020-01', index), 1000 + index));
    const otherSource = figure('a-dagpenge', '2020-11', 5000, '147', 'analyst-csv');
    const otherTown = figure('a-dagpenge', '2020-11', 5000, '101');
    const quarter = figure('a-dagpenge', '2020Q4', 5000);
    expect(reviewFigures([otherSource, otherTown, quarter], [...monthly, otherSource, otherTown, quarter]).flags).toEqual([]);
    const jump = figure('a-dagpenge', '2020-11', 5000);
    expect(reviewFigures([jump], [...monthly, jump]).flags).toMatchObject([{ check: 'jump', municipality: '147', source: 'jobindsats' }]);
  });
});
