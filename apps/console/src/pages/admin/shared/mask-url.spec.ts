import { maskTarget, maskUrl, maskUrlsIn } from './mask-url';

describe('maskUrl', () => {
  it('keeps the scheme, the last three host labels and the last four characters', () => {
    expect(maskUrl('https://contoso.webhook.office.com/webhookb2/aaaa-bbbb/IncomingWebhook/123/f3a9')).toBe(
      'https://….webhook.office.com/…f3a9',
    );
    expect(maskUrl('https://hooks.slack.com/services/T000/B000/XXXXsecret1234')).toBe('https://hooks.slack.com/…1234');
  });

  it('hides short paths entirely and keeps an address host with its port', () => {
    expect(maskUrl('http://127.0.0.1:4000/teams')).toBe('http://127.0.0.1:4000/…');
    expect(maskUrl('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/');
    expect(maskUrl(null)).toBeNull();
  });

  it('masks URLs inside text and only URL targets', () => {
    expect(maskUrlsIn('POST https://hooks.slack.com/services/T000/B000/abcdefgh answered 500')).toBe(
      'POST https://hooks.slack.com/…efgh answered 500',
    );
    expect(maskTarget('email', 'a@b.dk')).toBe('a@b.dk');
    expect(maskTarget('teams', 'https://x.y.webhook.office.com/abcdefghijk')).toBe('https://….webhook.office.com/…hijk');
  });
});
