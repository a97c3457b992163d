import { decodeKafkaMessage, envelopeToKafkaRecord } from './cloudevents';
import { createEvent } from './envelope';

const figure = {
  figureId: '4f7d5a3e-2b7c-4a43-9a3a-0c7b8f1f0a11',
  source: 'jobindsats',
  series: 'sygedagpenge',
  municipality: '147',
  period: '2021-07',
  periodKind: 'month' as const,
  value: 1217,
  unit: 'full-time-persons' as const,
  previousValue: null,
  revision: 1,
  sourceUpdatedAt: null,
  previousSourceUpdatedAt: null,
  area: 'municipality' as const,
};

describe('CloudEvents on Kafka (binary mode)', () => {
  const event = createEvent('figure.recorded', figure, { source: 'pejling/ingest', municipality: '147', correlationId: 'import-1' });

  it('writes the attributes as ce_ headers, the payload as the value and the municipality as the key', () => {
    const record = envelopeToKafkaRecord(event, 'cloudevents', 'https://pejling.example/');
    expect(record.key).toBe('147');
    expect(JSON.parse(record.value)).toEqual(figure);
    expect(record.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: 'pejling/ingest',
      ce_type: 'figure.recorded',
      ce_time: event.time,
      ce_subject: figure.figureId,
      ce_dataschema: 'https://pejling.example/schemas/figure.recorded/v3.json',
      'content-type': 'application/json',
      ce_municipality: '147',
      ce_correlationid: 'import-1',
      ce_dataversion: '3',
    });
  });

  it('decodes both formats to the same event', () => {
    for (const format of ['cloudevents', 'envelope'] as const) {
      const record = envelopeToKafkaRecord(event, format, 'https://pejling.example');
      const headers = Object.fromEntries(Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)]));
      expect(decodeKafkaMessage(Buffer.from(record.value), headers)).toEqual({ ok: true, event });
    }
  });

  it('takes the version from ce_dataschema when ce_dataversion is missing', () => {
    const { ce_dataversion: _dropped, ...headers } = envelopeToKafkaRecord(event, 'cloudevents', 'https://pejling.example').headers;
    expect(decodeKafkaMessage(JSON.stringify(figure), headers)).toMatchObject({ ok: true, event: { version: 3 } });
  });

  it.each([
    ['another specversion', { ce_specversion: '0.3' }, JSON.stringify(figure), /specversion '0.3'/],
    ['a non-JSON content type', { 'content-type': 'application/avro' }, JSON.stringify(figure), /content-type/],
    ['a value that is not JSON', {}, '{oops', /not JSON/],
    ['no municipality', { ce_municipality: undefined }, JSON.stringify(figure), /municipality/],
    ['a payload that breaks the schema', {}, JSON.stringify({ ...figure, value: 'x' }), /payload: value/],
  ])('rejects a CloudEvent with %s', (_name, override, value, reason) => {
    const headers: Record<string, string | undefined> = {
      ...envelopeToKafkaRecord(event, 'cloudevents', 'https://x.example').headers,
      ...override,
    };
    const result = decodeKafkaMessage(value, headers as Record<string, string>);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('rejects a message that is neither a CloudEvent nor an envelope', () => {
    expect(decodeKafkaMessage('{"hello":"world"}', {})).toMatchObject({ ok: false, reason: expect.stringMatching(/invalid envelope/) });
  });
});
