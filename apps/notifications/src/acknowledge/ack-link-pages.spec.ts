import { ackLinkDocument, ackLinkPage, rateLimitedPage } from './ack-link-pages';

describe('acknowledgement link pages', () => {
  it('answers what became of the episode with 200 on the GET, and refuses a second POST with 409 saying nothing changed', () => {
    const acknowledged = { kind: 'already-acknowledged' as const, goalName: 'Mål E', by: 'Mette', note: 'Vi ringer' };
    expect(ackLinkPage(acknowledged, 'shown')).toEqual({
      status: 200,
      heading: 'Mål E',
      html: '<p>Allerede kvitteret af Mette: “Vi ringer”. / Already acknowledged by Mette: “Vi ringer”.</p>',
    });
    const refused = ackLinkPage({ kind: 'already-acknowledged', by: 'Mette', note: 'Vi ringer' }, 'submitted');
    expect(refused.status).toBe(409);
    expect(refused.heading).toBe('Allerede kvitteret / Already acknowledged');
    expect(refused.html).toContain('Intet er ændret. / Already acknowledged by Mette: “Vi ringer”. Nothing was changed.');
    expect(ackLinkPage({ kind: 'over' }, 'submitted').status).toBe(409);
    expect(ackLinkPage({ kind: 'over', goalName: 'Mål E' }, 'shown').status).toBe(200);
  });

  it('refuses revoked and invalid links with 403 in both languages, and shows nothing of the episode', () => {
    expect(ackLinkPage({ kind: 'revoked' }, 'shown')).toMatchObject({
      status: 403,
      heading: 'Linket er tilbagekaldt / The link has been revoked',
    });
    expect(ackLinkPage({ kind: 'invalid', reason: 'expired' }, 'submitted')).toMatchObject({
      status: 403,
      html: '<p>Linket er udløbet. / The link has expired.</p>',
    });
  });

  it('escapes what people wrote: goal names, names and notes', () => {
    const page = ackLinkPage({ kind: 'already-acknowledged', goalName: '<b>Mål</b>', by: '<script>', note: '"x" & y' }, 'shown');
    expect(page.heading).toBe('&lt;b&gt;Mål&lt;/b&gt;');
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&quot;x&quot; &amp; y');
    expect(ackLinkPage({ kind: 'open', goalName: 'Mål', recipientName: '"><img src=x>' }, 'shown').html).toContain(
      'value="&quot;&gt;&lt;img src=x&gt;"',
    );
  });

  it('says when to try again after the rate limit, in both languages', () => {
    const page = rateLimitedPage(42);
    expect(page.status).toBe(429);
    expect(ackLinkDocument(page)).toContain('Prøv igen om 42 sekunder. / Too many requests from your address. Try again in 42 seconds.');
  });
});
