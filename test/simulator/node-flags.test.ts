import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../simulator/config.ts';
import { BANK_NODE_FLAGS } from '../../simulator/node-flags.ts';

describe("the bank's Node flags", () => {
  it('`npm run bank` starts the bank with the flags the test suites and benchmarks start it with', () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.bank).toBe(['node', ...BANK_NODE_FLAGS, 'simulator/main.ts'].join(' '));
  });
});
