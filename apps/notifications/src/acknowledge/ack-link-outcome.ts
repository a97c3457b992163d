/** What became of a signed acknowledgement link, for its page: the GET's and the POST's answers. */
export type AckLinkOutcome =
  | { kind: 'invalid'; reason: 'malformed' | 'signature' | 'expired' }
  | { kind: 'revoked' }
  | { kind: 'unknown-episode' }
  | { kind: 'open'; goalName: string; recipientName: string }
  // The goal's name where the page has it (the GET reads it; the refused POST does not).
  | { kind: 'already-acknowledged'; goalName?: string; by: string; note: string }
  | { kind: 'over'; goalName?: string }
  | { kind: 'note-missing' }
  | { kind: 'acknowledged' };
