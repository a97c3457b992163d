import { renderSlack, renderTeams } from './chat';
import { renderEmail } from './email';
import { NotificationItem } from './view';

const item = (benchmarks: NotificationItem['benchmarks']): NotificationItem => ({
  step: 'opened',
  kind: 'breach',
  municipality: '147',
  period: '2021-07',
  severity: 'major',
  goal: { id: 'g1', name: 'Mål E (demo)', planGoalId: null, text: null, planName: null, focusArea: null },
  value: 1.8793,
  unit: 'percent',
  rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
  benchmarks,
  indicatorLabel: { da: 'Sygedagpenge mv.', en: 'Sickness benefit etc.' },
  explanation: { da: 'Andelen var 1,9 %.', en: 'The share was 1.9 %.' },
  trend: [],
  links: { goal: null, acknowledge: null },
  episode: null,
  acknowledgement: null,
});
const da = { language: 'da' as const, timeZone: 'Europe/Copenhagen' };
const en = { language: 'en' as const, timeZone: 'Europe/Copenhagen' };

describe('averages in messages say what they are', () => {
  it('calls the mean of one municipality with data what it is, never "Landsgennemsnit"', () => {
    const partial = item({
      national: 1.8793,
      cluster: null,
      nationalBasis: { source: 'municipalities', municipalities: 1, of: 98 },
      clusterBasis: null,
    });
    const email = renderEmail([partial], da);
    expect(email.text).toContain('Gennemsnit af 1 af 98 kommuner: 1,88 %');
    expect(email.text).not.toContain('Landsgennemsnit');
    expect(renderEmail([partial], en).text).toContain('Average of 1 of 98 municipalities: 1.88 %');
    expect(JSON.stringify(renderTeams([partial], da))).toContain('Gennemsnit af 1 af 98 kommuner');
    expect(JSON.stringify(renderSlack([partial], en))).toContain('Average of 1 of 98 municipalities');
  });

  it('calls an official or complete figure the national average', () => {
    for (const nationalBasis of [
      { source: 'official' as const, municipalities: 3, of: 98 },
      { source: 'municipalities' as const, municipalities: 98, of: 98 },
    ]) {
      const text = renderEmail([item({ national: 2.1, cluster: null, nationalBasis })], da).text;
      expect(text).toContain('Landsgennemsnit: 2,10 %');
      expect(renderEmail([item({ national: 2.1, cluster: null, nationalBasis })], en).text).toContain('National average: 2.10 %');
    }
  });

  it('names the cluster coverage when members lack data', () => {
    const clusterBasis = {
      source: 'plan' as const,
      planId: 'frederiksberg-2022',
      planVersion: 1,
      effectiveFrom: '2015-01',
      members: 4,
      withData: 3,
    };
    expect(renderEmail([item({ national: null, cluster: 1.62, clusterBasis })], da).text).toContain(
      'Klyngens gennemsnit (3 af 4 kommuner): 1,62 %',
    );
    expect(renderEmail([item({ national: null, cluster: 1.62, clusterBasis })], en).text).toContain(
      'Cluster average (3 of 4 municipalities): 1.62 %',
    );
    expect(renderEmail([item({ national: null, cluster: 1.62, clusterBasis: { ...clusterBasis, withData: 4 } })], da).text).toContain(
      'Klyngens gennemsnit: 1,62 %',
    );
  });
});
