/** `.env.example` names every variable the server reads, with its documented default, and nothing it does not read. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

const source = readFileSync('server/config.ts', 'utf8');
const start = source.indexOf('const envSchema = z.object({');
const schema = source.slice(start, source.indexOf('\n});\n', start));
const read = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!).sort();
const example = Object.fromEntries(
  readFileSync('.env.example', 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z]/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

describe('.env.example', () => {
  it('lists exactly the variables the server reads', () => {
    expect(read.length).toBeGreaterThan(30);
    expect(Object.keys(example).sort()).toEqual(read);
  });

  it('its values are the defaults: loading it gives the same configuration as loading nothing', () => {
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });
});
