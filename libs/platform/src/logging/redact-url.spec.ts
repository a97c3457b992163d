import { redactRequestUrl } from './redact-url';

describe('redactRequestUrl', () => {
  it('hides the acknowledgement token and target-like query values, keeps the rest', () => {
    expect(redactRequestUrl('/v1/ack/eyJlcGlzb2RlIjoi.abc123')).toBe('/v1/ack/[redacted]');
    expect(redactRequestUrl('/v1/ack/eyJ.abc?lang=da')).toBe('/v1/ack/[redacted]?lang=da');
    expect(redactRequestUrl('/v1/deliveries?status=dead&recipient=https%3A%2F%2Fhooks.slack.com%2Fservices%2FX&limit=5')).toBe(
      '/v1/deliveries?status=dead&recipient=[redacted]&limit=5',
    );
    expect(redactRequestUrl('/v1/goals?municipality=147')).toBe('/v1/goals?municipality=147');
    expect(redactRequestUrl(undefined)).toBeUndefined();
  });
});
