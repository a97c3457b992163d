import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

/** Every TypeScript source under a folder (specs left out), as text. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [readFileSync(path, 'utf-8')] : [];
  });
}

describe('the Grafana dashboard in ops/grafana', () => {
  const dashboard = JSON.parse(readFileSync(join(root, 'ops/grafana/pejling-dashboard.json'), 'utf-8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const code = [...sources(join(root, 'libs')), ...sources(join(root, 'apps'))].join('\n');

  it('queries only metrics the services define (or prom-client derives from them)', () => {
    const used = new Set(
      dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/pejling_[a-z_]+/g) ?? [])),
    );
    expect(used.size).toBeGreaterThan(8);
    const defined = (name: string) => code.includes(`'${name.replace(/_(bucket|count|sum)$/, '')}'`);
    expect([...used].filter((name) => !defined(name))).toEqual([]);
  });

  it('gives every panel a title and at least one query', () => {
    for (const panel of dashboard.panels) {
      expect(panel.title).toBeTruthy();
      expect(panel.targets.length).toBeGreaterThan(0);
    }
  });
});
