// Writes the generated event docs (AsyncAPI, JSON Schemas, events page) to docs/ from the built contracts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { generatedDocs } = createRequire(import.meta.url)(join(root, 'dist/libs/contracts/src/docs/generated-docs.js'));
const docs = join(root, 'docs');
rmSync(join(docs, 'schemas'), { recursive: true, force: true });
const files = generatedDocs();
for (const [path, content] of Object.entries(files)) {
  mkdirSync(dirname(join(docs, path)), { recursive: true });
  writeFileSync(join(docs, path), content);
}
process.stdout.write(`wrote ${Object.keys(files).length} files to docs/\n`);
