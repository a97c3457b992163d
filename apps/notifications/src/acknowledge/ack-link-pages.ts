import { escapeHtml } from '@pejling/domain-alerting';
import type { AckLinkOutcome } from './ack-link-outcome';

/** A page of the acknowledgement link: its status, heading and body (HTML, escaped here). */
export interface AckLinkPage {
  status: number;
  heading: string;
  html: string;
}

const INVALID = {
  expired: 'Linket er udløbet. / The link has expired.',
  signature: 'Linket er ugyldigt. / The link is invalid.',
  malformed: 'Linket er ugyldigt. / The link is invalid.',
} as const;

/**
 * The page for what became of a link, in Danish and English like the messages' links. `shown`:
 * the GET (a confirmation form, or what became of the episode); `submitted`: the form's POST,
 * where a refusal is a 409 and says that nothing was changed.
 */
export function ackLinkPage(outcome: AckLinkOutcome, request: 'shown' | 'submitted'): AckLinkPage {
  switch (outcome.kind) {
    case 'invalid':
      return { status: 403, heading: 'Linket virker ikke / The link does not work', html: paragraph(INVALID[outcome.reason]) };
    case 'revoked':
      return {
        status: 403,
        heading: 'Linket er tilbagekaldt / The link has been revoked',
        html: paragraph(
          'Linket er tilbagekaldt og kan ikke længere bruges. Brug linket i en nyere besked, eller kvittér i konsollen. / The link has been revoked and can no longer be used. Use the link in a newer message, or acknowledge in the console.',
        ),
      };
    case 'unknown-episode':
      return { status: 404, heading: 'Ukendt sag / Unknown episode', html: paragraph('Sagen findes ikke. / No such episode.') };
    case 'already-acknowledged':
      return refusal(request, outcome.goalName, 'Allerede kvitteret / Already acknowledged', {
        da: `Allerede kvitteret af ${outcome.by}: “${outcome.note}”.`,
        en: `Already acknowledged by ${outcome.by}: “${outcome.note}”.`,
      });
    case 'over':
      return refusal(request, outcome.goalName, 'Intet at kvittere for / Nothing to acknowledge', {
        da: 'Målet er opfyldt igen; der er intet at kvittere for.',
        en: 'The goal is met again; there is nothing to acknowledge.',
      });
    case 'note-missing':
      return {
        status: 422,
        heading: 'Mangler en note / A note is missing',
        html: paragraph('Skriv hvad der gøres (mindst 3 tegn). / Say what is being done (at least 3 characters).'),
      };
    case 'acknowledged':
      return {
        status: 200,
        heading: 'Tak – kvitteret / Thank you – acknowledged',
        html: paragraph('Påmindelserne er stoppet, og de andre modtagere får besked. / Reminders stopped; the other recipients are told.'),
      };
    case 'open':
      return {
        status: 200,
        heading: `Kvittér / Acknowledge: ${escapeHtml(outcome.goalName)}`,
        html: `<form method="post">
<p><label>Hvem følger op? / Who is on it?<br><input name="by" value="${escapeHtml(outcome.recipientName)}" required maxlength="200" style="width:100%"></label></p>
<p><label>Hvad gøres der? / What is being done?<br><textarea name="note" required minlength="3" maxlength="2000" rows="5" style="width:100%"></textarea></label></p>
<p><button type="submit">Kvittér / Acknowledge</button></p></form>`,
      };
  }
}

/** Too many requests from one address (the rate limit): when to try again. */
export function rateLimitedPage(retryAfterSeconds: number): AckLinkPage {
  return {
    status: 429,
    heading: 'For mange forespørgsler / Too many requests',
    html: paragraph(
      `Der er kommet for mange forespørgsler fra din adresse. Prøv igen om ${retryAfterSeconds} sekunder. / Too many requests from your address. Try again in ${retryAfterSeconds} seconds.`,
    ),
  };
}

/** The whole HTML document of a page. */
export function ackLinkDocument(page: AckLinkPage): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Pejling</title></head>
<body style="font-family:Arial,sans-serif;max-width:560px;margin:40px auto"><h2>${page.heading}</h2>${page.html}</body></html>`;
}

/** What became of the episode: the GET's answer (200), or the POST's refusal (409), which changed nothing. */
function refusal(
  request: 'shown' | 'submitted',
  goalName: string | undefined,
  fallbackHeading: string,
  said: { da: string; en: string },
): AckLinkPage {
  const heading = goalName ? escapeHtml(goalName) : fallbackHeading;
  if (request === 'shown') return { status: 200, heading, html: paragraph(`${said.da} / ${said.en}`) };
  return { status: 409, heading, html: paragraph(`${said.da} Intet er ændret. / ${said.en} Nothing was changed.`) };
}

function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}
