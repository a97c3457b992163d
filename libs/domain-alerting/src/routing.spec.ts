import { resolveRecipients, RoutingRule, ruleMatches } from './routing';
import { AlertFacts, Recipient } from './types';

const alert: AlertFacts = {
  kind: 'breach',
  municipality: '147',
  goalId: 'g1',
  planId: 'frederiksberg-2022',
  focusArea: 'ydelsesgrupper',
  severity: 'major',
};
const rule = (overrides: Partial<RoutingRule> = {}): RoutingRule => ({
  id: 'r',
  planId: null,
  municipality: null,
  focusArea: null,
  goalId: null,
  severities: [],
  kinds: [],
  recipientIds: ['analyst'],
  enabled: true,
  ...overrides,
});
const person = (key: string, channels: Recipient['channels']): Recipient => ({
  key,
  name: key,
  channels,
  language: 'da',
  timeZone: 'Europe/Copenhagen',
});

describe('routing rules', () => {
  it.each([
    ['an empty rule matches everything', rule(), true],
    ['plan', rule({ planId: 'frederiksberg-2022' }), true],
    ['another plan', rule({ planId: 'koebenhavn-2022' }), false],
    ['municipality', rule({ municipality: '147' }), true],
    ['another municipality', rule({ municipality: '101' }), false],
    ['focus area', rule({ focusArea: 'ydelsesgrupper' }), true],
    ['another focus area', rule({ focusArea: 'unge' }), false],
    ['goal', rule({ goalId: 'g1' }), true],
    ['another goal', rule({ goalId: 'g2' }), false],
    ['severity in the list', rule({ severities: ['critical', 'major'] }), true],
    ['severity not in the list', rule({ severities: ['critical'] }), false],
    ['transition type', rule({ kinds: ['breach', 'recovery'] }), true],
    ['another transition type', rule({ kinds: ['data_quality'] }), false],
    [
      'every matcher at once',
      rule({
        planId: 'frederiksberg-2022',
        municipality: '147',
        focusArea: 'ydelsesgrupper',
        goalId: 'g1',
        severities: ['major'],
        kinds: ['breach'],
      }),
      true,
    ],
    ['one matcher of many failing', rule({ planId: 'frederiksberg-2022', municipality: '101' }), false],
    ['a disabled rule', rule({ enabled: false }), false],
  ])('%s', (_name, candidate, expected) => {
    expect(ruleMatches(candidate, alert)).toBe(expected);
  });

  it('matches data-quality alerts (no goal, plan or severity) only by municipality and type', () => {
    const quality: AlertFacts = { kind: 'data_quality', municipality: '147', goalId: null, planId: null, focusArea: null, severity: null };
    expect(ruleMatches(rule({ municipality: '147', kinds: ['data_quality'] }), quality)).toBe(true);
    expect(ruleMatches(rule({ planId: 'frederiksberg-2022' }), quality)).toBe(false);
    expect(ruleMatches(rule({ severities: ['minor'] }), quality)).toBe(false);
  });

  it('adds matching rules’ recipients after the owners, once per person and once per inbox', () => {
    const owner = person('owner:1', [{ type: 'email', target: 'Team@Kommune.dk' }]);
    const recipients = new Map<string, Recipient>([
      [
        'analyst',
        person('recipient:analyst', [
          { type: 'email', target: 'team@kommune.dk' },
          { type: 'teams', target: 'https://teams.example/x' },
        ]),
      ],
      ['chief', person('recipient:chief', [{ type: 'slack', target: 'https://hooks.slack.example/y' }])],
      ['nobody', person('recipient:nobody', [{ type: 'email', target: 'team@kommune.dk' }])],
    ]);
    const rules = [
      rule({ recipientIds: ['analyst', 'missing'] }),
      rule({ recipientIds: ['chief', 'analyst', 'nobody'], kinds: ['breach'] }),
      rule({ recipientIds: ['x'], kinds: ['stale'] }),
    ];
    const resolved = resolveRecipients([owner], rules, recipients, alert);
    expect(resolved.map((r) => [r.key, r.channels.map((c) => c.type)])).toEqual([
      ['owner:1', ['email']],
      ['recipient:analyst', ['teams']], // the shared inbox already gets it through the owner
      ['recipient:chief', ['slack']],
    ]);
  });
});
