import { maskChannels, maskFields, maskTarget, scrubText } from './masking';

describe('masking channel targets', () => {
  it('keeps the last 4 characters', () => {
    expect(maskTarget('https://hooks.slack.com/services/T000/B000/XXXXsecret')).toBe('…cret');
    expect(maskTarget('team@frederiksberg.dk')).toBe('…g.dk');
    expect(maskTarget('abc')).toBe('…');
    expect(maskTarget(null)).toBeNull();
  });

  it('masks chosen fields and channel lists', () => {
    expect(maskFields({ name: 'Team', email: 'team@example.dk', webhookUrl: null }, ['email', 'webhookUrl'])).toEqual({
      name: 'Team',
      email: '…e.dk',
      webhookUrl: null,
    });
    expect(maskChannels([{ type: 'teams', target: 'https://x.example/workflows/abcd1234' }])).toEqual([{ type: 'teams', target: '…1234' }]);
  });

  it('scrubs URLs to their host and masks addresses in free text', () => {
    expect(scrubText('POST https://hooks.slack.com/services/T/B/secret failed: 550 <jens@example.dk> unknown')).toBe(
      'POST https://hooks.slack.com/… failed: 550 <…e.dk> unknown',
    );
  });
});
