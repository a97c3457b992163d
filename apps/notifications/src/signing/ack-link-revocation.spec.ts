import { revocationOf } from './ack-link-revocation';

const at = (iso: string) => new Date(iso);
const issued = (iso: string) => at(iso).getTime();

describe('acknowledgement link revocations', () => {
  const everyone = { recipientKey: null, revokedAt: at('2026-03-02T10:00:00.000Z') };
  const anna = { recipientKey: 'owner:anna', revokedAt: at('2026-03-05T10:00:00.000Z') };

  it('refuses a link made before (or in the same millisecond as) a revocation of every recipient', () => {
    expect(revocationOf({ recipientKey: 'owner:bo', issuedAt: issued('2026-03-01T09:00:00Z') }, [everyone])).toBe(everyone);
    expect(revocationOf({ recipientKey: 'owner:bo', issuedAt: issued('2026-03-02T10:00:00.000Z') }, [everyone])).toBe(everyone);
  });

  it('lets a link made after the revocation through', () => {
    expect(revocationOf({ recipientKey: 'owner:bo', issuedAt: issued('2026-03-02T10:00:00.001Z') }, [everyone])).toBeUndefined();
  });

  it("refuses one recipient's links only when the revocation names that recipient", () => {
    const before = issued('2026-03-04T00:00:00Z');
    expect(revocationOf({ recipientKey: 'owner:anna', issuedAt: before }, [anna])).toBe(anna);
    expect(revocationOf({ recipientKey: 'owner:bo', issuedAt: before }, [anna])).toBeUndefined();
  });

  it('covers links made before links carried their issue time (read as 0) by any revocation', () => {
    expect(revocationOf({ recipientKey: 'owner:anna', issuedAt: 0 }, [anna])).toBe(anna);
    expect(revocationOf({ recipientKey: 'owner:anna', issuedAt: 0 }, [])).toBeUndefined();
  });
});
