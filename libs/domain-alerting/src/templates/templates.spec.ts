import { renderSlack, renderTeams } from './chat';
import { renderEmail } from './email';
import { NotificationItem, subjectOf } from './view';

const breach: NotificationItem = {
  step: 'opened',
  kind: 'breach',
  municipality: '147',
  period: '2021-07',
  severity: 'major',
  goal: {
    id: 'g1',
    name: 'Mål E (demo)',
    planGoalId: 'Mål E',
    text: 'Sygedagpengeområdet – andelen skal være under klyngens gennemsnit',
    planName: 'Beskæftigelsesplan 2022',
    focusArea: 'Ydelsesgrupper',
  },
  value: 1.8793,
  unit: 'percent',
  rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
  benchmarks: { national: null, cluster: 1.62 },
  indicatorLabel: { da: 'Sygedagpenge mv.', en: 'Sickness benefit etc.' },
  explanation: { da: 'Andelen var 1,9 %: 0,1 pct.-point over målet.', en: 'The share was 1.9 %: 0.1 percentage points above the target.' },
  trend: [
    { period: '2021-05', value: 1.7 },
    { period: '2021-06', value: 1.75 },
    { period: '2021-07', value: 1.8793 },
  ],
  links: { goal: 'https://pejling.example/v1/goals/g1', acknowledge: 'https://pejling.example/v1/ack/token' },
  episode: { id: 'e1', kind: 'breach', openedAt: '2021-08-02T08:00:00Z' },
  acknowledgement: null,
};
const da = { language: 'da' as const, timeZone: 'Europe/Copenhagen' };
const en = { language: 'en' as const, timeZone: 'Europe/Copenhagen' };

describe('email template', () => {
  it('states the goal as printed, the figures, the explanation, the trend and the links, in Danish', () => {
    const email = renderEmail([breach], da);
    expect(email.subject).toBe('Mål brudt: Mål E (demo) (Frederiksberg, 2021-07)');
    for (const part of [
      'Mål E: Sygedagpengeområdet – andelen skal være under klyngens gennemsnit',
      '0,1 pct.-point over målet',
      'Værdi: 1,88 %',
      'Målsætning: ≤ 1,8 %',
      'Klyngens gennemsnit: 1,62 %',
      'Periode: juli 2021',
      'Plan: Beskæftigelsesplan 2022 · Ydelsesgrupper',
      '▁▃█  1,70 % → 1,88 %',
      'https://pejling.example/v1/ack/token',
    ]) {
      expect(email.text).toContain(part);
    }
    expect(email.html).toContain('<img src="cid:trend-0@pejling"');
    expect(email.html).toContain('href="https://pejling.example/v1/goals/g1"');
    expect(email.charts).toEqual([{ cid: 'trend-0@pejling', values: [1.7, 1.75, 1.8793], tone: 'bad' }]);
  });

  it('speaks English to an English recipient and escapes HTML', () => {
    const email = renderEmail([{ ...breach, goal: { ...breach.goal!, text: '<script>x</script>' } }], en);
    expect(email.subject).toBe('Goal breached: Mål E (demo) (Frederiksberg, 2021-07)');
    expect(email.text).toContain('0.1 percentage points above the target');
    expect(email.text).toContain('Value: 1.88 %');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).not.toContain('<script>');
  });

  it('words a count goal as a count: the target and the figures without % in both languages', () => {
    const count: NotificationItem = {
      ...breach,
      period: '2021',
      goal: {
        id: 'g2',
        name: 'VJ-4',
        planGoalId: 'VJ-4',
        text: 'Inspirationsmøderne afholdes 2-3 gange årligt',
        planName: 'Vækst og jobskabelse',
        focusArea: 'Social vækst',
      },
      value: 1,
      unit: 'count',
      rule: { kind: 'threshold', comparator: 'gte', target: 2 },
      benchmarks: { national: null, cluster: null },
      indicatorLabel: { da: 'Inspirationsmøder om vækst og jobskabelse', en: 'Inspiration meetings on growth and job creation' },
      explanation: {
        da: 'Antal inspirationsmøder om vækst og jobskabelse var 1 i 2021 mod målet ≥ 2: 1 under målet. Målet er ikke opfyldt.',
        en: 'The number of inspiration meetings on growth and job creation was 1 in 2021 against the target ≥ 2: 1 below the target. The goal is not met.',
      },
      trend: [
        { period: '2019', value: 2 },
        { period: '2020', value: 2 },
        { period: '2021', value: 1 },
      ],
    };
    const danish = renderEmail([count], da).text;
    for (const part of ['Værdi: 1\n', 'Målsætning: ≥ 2\n', 'Antal inspirationsmøder', '2 → 1']) expect(danish).toContain(part);
    const english = renderEmail([count], en).text;
    for (const part of ['Value: 1\n', 'Target: ≥ 2\n', 'The number of inspiration meetings', '2 → 1']) expect(english).toContain(part);
    expect(`${danish}${english}`).not.toMatch(/%|Andelen|share/);
  });

  it('shows an acknowledgement with who, when (local time) and the note', () => {
    const ack: NotificationItem = {
      ...breach,
      step: 'acknowledged',
      links: { goal: breach.links.goal, acknowledge: null },
      acknowledgement: { by: 'Mette (jobcentret)', note: 'Ekstra opfølgning på sager over 8 uger', at: '2021-08-03T12:30:00Z' },
    };
    const email = renderEmail([ack], da);
    expect(email.subject).toBe('Kvitteret: Mål E (demo) (Frederiksberg, 2021-07)');
    expect(email.text).toContain('Kvitteret af Mette (jobcentret) 03.08.2021 14:30: “Ekstra opfølgning på sager over 8 uger”');
  });

  it('groups a burst into one message with a count per kind in the subject', () => {
    const items = [
      breach,
      { ...breach, goal: { ...breach.goal!, id: 'g2', name: 'Mål A' } },
      { ...breach, step: 'recovered' as const, kind: 'recovery' as const },
    ];
    expect(subjectOf(items, da)).toBe('Pejling: 3 meddelelser om Frederiksberg (2 × mål brudt, 1 × mål opfyldt igen)');
    const email = renderEmail(items, da);
    expect(email.charts.map((chart) => chart.cid)).toEqual(['trend-0@pejling', 'trend-1@pejling', 'trend-2@pejling']);
    expect(email.text.match(/MÅL BRUDT/g)).toHaveLength(2);
  });

  it('words reminders, notices and digests', () => {
    expect(renderEmail([{ ...breach, step: 'reminder', reminderNumber: 2 }], da).subject).toMatch(/^Påmindelse 2: målet er stadig brudt: /);
    const quality: NotificationItem = {
      ...breach,
      step: 'notice',
      kind: 'data_quality',
      goal: null,
      rule: null,
      value: 530,
      unit: 'count',
      trend: [],
      subject: 'sygedagpenge',
      links: { goal: null, acknowledge: null },
      episode: null,
    };
    expect(renderEmail([quality], en).subject).toBe('Data-quality problem: sygedagpenge (Frederiksberg, 2021-07)');
    const digest = renderEmail([{ ...breach, step: 'digest' }], { ...da, digest: { slot: 'daily:2021-08-05', changes: 3 } });
    expect(digest.subject).toBe('Pejling-oversigt: 1 åben sag, 3 ændringer');
    expect(digest.text).toContain('Åben siden 02.08.2021 10:00');
    expect(renderEmail([], { ...en, digest: { slot: 'weekly:2021-W31', changes: 0 } }).text).toContain('Nothing is open.');
  });
});

describe('chat cards', () => {
  it('renders a Teams Workflows message with one Adaptive Card 1.4', () => {
    const card = renderTeams([breach], da) as {
      type: string;
      attachments: {
        contentType: string;
        content: {
          type: string;
          version: string;
          body: { type: string; items?: { type: string; facts?: { title: string; value: string }[]; actions?: { url: string }[] }[] }[];
        };
      }[];
    };
    expect(card.type).toBe('message');
    expect(card.attachments).toHaveLength(1);
    expect(card.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = card.attachments[0].content;
    expect(content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    const container = content.body.find((element) => element.type === 'Container')!;
    expect(container.items!.find((item) => item.type === 'FactSet')!.facts).toContainEqual({ title: 'Værdi', value: '1,88 %' });
    expect(container.items!.find((item) => item.type === 'ActionSet')!.actions!.map((action) => action.url)).toEqual([
      breach.links.goal,
      breach.links.acknowledge,
    ]);
    expect(JSON.stringify(card)).toContain('▁▃█');
  });

  it('renders Slack Block Kit with a fallback text and at most 8 items', () => {
    const slack = renderSlack(
      Array.from({ length: 12 }, () => breach),
      en,
    );
    expect(slack.text).toMatch(/^Pejling: 12 notifications about Frederiksberg/);
    expect(slack.blocks[0]).toMatchObject({ type: 'header' });
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack.blocks.at(-1))).toContain('… and 4 more');
    const buttons = slack.blocks.find((block) => (block as { type: string }).type === 'actions') as { elements: { url: string }[] };
    expect(buttons.elements.map((button) => button.url)).toEqual([breach.links.goal, breach.links.acknowledge]);
  });
});

describe('corrections', () => {
  const correction: NotificationItem = {
    ...breach,
    step: 'corrected',
    kind: 'breach',
    period: '2021-11',
    explanation: {
      da: 'Varigheden har ændret sig med 1 siden basisperioden. Målet er i risiko for ikke at blive nået.',
      en: 'The duration has changed by 1 since the baseline. The goal is at risk of being missed.',
    },
    links: { goal: 'https://pejling.example/v1/goals/g1', acknowledge: null },
    correction: { wasState: 'no_data', current: { period: '2021-12', state: 'met' } },
  };

  it('says what was said, what is true now and where the goal stands, in Danish and English', () => {
    const email = renderEmail([correction], da);
    expect(email.subject).toBe('Rettelse: Mål E (demo) (Frederiksberg, 2021-11)');
    expect(email.text).toContain(
      'Vi meldte tidligere, at målet var uden tal i november 2021. Det er rettet, fordi tallene er kommet eller ændret: Varigheden har ændret sig med 1 siden basisperioden. Målet er i risiko for ikke at blive nået. Målet er nu opfyldt (december 2021).',
    );
    expect(renderEmail([correction], en).text).toContain(
      'We said earlier that the goal was without figures in November 2021. That is corrected, because figures have arrived or changed:',
    );
    expect(renderEmail([correction], en).text).toContain('The goal is now met (December 2021).');
    expect(email.charts[0].tone).toBe('good');
  });
});
