import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { EVENT_TYPES } from '../registry';
import { TOPICS } from '../topics';
import { asyncApiDocument } from './asyncapi';
import { generatedDocs } from './generated-docs';

const docsDir = join(__dirname, '../../../../docs');

function committedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? committedFiles(join(dir, entry.name)) : [relative(docsDir, join(dir, entry.name))],
  );
}

describe('generated event docs (docs/)', () => {
  const files = generatedDocs();

  it('are committed as generated: run `npm run docs` after changing libs/contracts', () => {
    const generated = Object.keys(files).sort();
    const eventDocs = committedFiles(docsDir).filter(
      (path) => path === 'asyncapi.yaml' || path === 'events.html' || path.startsWith('schemas/'),
    );
    expect(eventDocs.sort()).toEqual(generated);
    for (const path of generated)
      expect({ path, content: readFileSync(join(docsDir, path), 'utf8') }).toEqual({ path, content: files[path] });
  });

  it('publish a JSON Schema for every version of every event type', () => {
    for (const [type, definition] of Object.entries(EVENT_TYPES)) {
      for (const version of Object.keys(definition.versions)) expect(files).toHaveProperty([`schemas/${type}/v${version}.json`]);
    }
  });

  it('is a valid AsyncAPI 3.0 document, with every topic and every message version', async () => {
    const parser = new Parser();
    const { document, diagnostics } = await parser.parse(files['asyncapi.yaml']);
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');
    expect(
      document!
        .channels()
        .all()
        .map((channel) => channel.address())
        .sort(),
    ).toEqual(Object.values(TOPICS).sort());
    const messageCount = Object.values(EVENT_TYPES).reduce((sum, definition) => sum + Object.keys(definition.versions).length, 0);
    expect(document!.components().messages().all()).toHaveLength(messageCount);
    // The committed YAML is the same document the generator builds.
    expect(parse(files['asyncapi.yaml'])).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
  });
});
