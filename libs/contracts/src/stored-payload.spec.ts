import { parseEvent } from './envelope';
import { parseStoredEvent, parseStoredPayload } from './stored-payload';
import { v2 } from './test/goal-transition-v2';

describe('parseStoredPayload', () => {
  it('reads a payload stored before a version bump as the current shape', () => {
    const read = parseStoredPayload('goal.breached', v2);
    expect(read).toMatchObject({ ok: true, payload: { goalId: v2.goalId, periodKind: 'month', ownerIds: [], plan: null, trend: [] } });
  });

  it('reads a current payload as it is', () => {
    const current = parseEvent({
      id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      type: 'goal.breached',
      version: 2,
      source: 'pejling/goals',
      time: '2021-08-01T10:00:00.000Z',
      municipality: '147',
      payload: v2,
    });
    if (!current.ok) throw new Error(current.reason);
    expect(parseStoredPayload('goal.breached', current.event.payload)).toEqual({ ok: true, payload: current.event.payload });
  });

  it('refuses a payload no version accepts, saying what is wrong', () => {
    const read = parseStoredPayload('pull.failed', { table: 'ydelse' });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(/\w/);
  });

  it('reads back a stored event whose payload was upcast past its wire version', () => {
    const received = parseEvent({
      id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
      type: 'goal.breached',
      version: 2,
      source: 'pejling/goals',
      time: '2021-08-01T10:00:00.000Z',
      municipality: '147',
      payload: v2,
    });
    if (!received.ok) throw new Error(received.reason);
    const stored = JSON.parse(JSON.stringify(received.event));
    expect(parseStoredEvent(stored)).toEqual({ ok: true, event: received.event });
    expect(parseStoredEvent({ ...stored, type: 'goal.unknown' })).toMatchObject({ ok: false });
  });
});
