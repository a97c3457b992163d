import { digestKey } from './digest-key';

const channel = { recipientKey: 'recipient:1', type: 'email', target: 'a@example.org' };

describe('digest keys', () => {
  it("keys the digest of the slot due now as the slot's own", () => {
    expect(digestKey(channel, 'daily:2026-03-02', 'daily:2026-03-02')).toBe('digest|recipient:1|email|a@example.org|daily:2026-03-02');
  });

  it('keys an as-of digest of another slot apart, so the slot itself is not used up', () => {
    const asOf = digestKey(channel, 'daily:2026-03-03', 'daily:2026-03-02');
    expect(asOf).toBe('digest|recipient:1|email|a@example.org|daily:2026-03-03|as-of');
    expect(asOf).not.toBe(digestKey(channel, 'daily:2026-03-03', 'daily:2026-03-03'));
    // Before the digest hour nothing is due now: an as-of digest for later that day is still a copy.
    expect(digestKey(channel, 'daily:2026-03-02', null)).toBe('digest|recipient:1|email|a@example.org|daily:2026-03-02|as-of');
  });
});
