import { z } from 'zod';
import { contactChannelFields, webhookUrlSchema } from './contacts';

describe('webhookUrlSchema', () => {
  const problems = (value: string) => {
    const result = webhookUrlSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it('accepts an https URL', () => {
    expect(problems('https://example.webhook.office.com/webhookb2/abc')).toEqual([]);
  });

  it('refuses a string that is no URL with a reason instead of throwing', () => {
    expect(() => webhookUrlSchema.safeParse('not a url')).not.toThrow();
    expect(problems('not a url')).toEqual(['must be an absolute URL']);
  });

  it('refuses other schemes and credentials in the URL', () => {
    expect(problems('ftp://example.org/hook')).toEqual(['must use http or https']);
    expect(problems('https://user:secret@example.org/hook')).toEqual(['must not contain credentials']);
  });
});

describe('contactChannelFields', () => {
  const contact = z.object(contactChannelFields).partial();

  it('takes every channel, or null to clear it', () => {
    const input = { email: ' ejer@frederiksberg.dk ', webhookUrl: null, language: 'da', timeZone: 'Europe/Copenhagen' };
    expect(contact.parse(input)).toEqual({ ...input, email: 'ejer@frederiksberg.dk' });
  });

  it('names each field that is wrong', () => {
    const result = contact.safeParse({ email: 'nope', slackWebhookUrl: 'ftp://x', language: 'de', timeZone: 'Mars/Olympus' });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'email',
      'language',
      'slackWebhookUrl',
      'timeZone',
    ]);
  });
});
