import { spawn } from 'node:child_process';

/**
 * Runs a test child script that prints one line per unit of work (`page …`, `batch …`), `done` at
 * the end and `failed …` on an error, and kills it with SIGKILL a few random ms after `killAfter`
 * units: somewhere in the next unit's work or transaction. The crash tests' one runner.
 */
export function runKillableChild(
  args: readonly string[],
  { unit, killAfter, jitterMs }: { unit: string; killAfter?: number | undefined; jitterMs: number },
): Promise<{ units: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let units = 0;
    let finished = false;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(`${unit} `)) units += 1;
        if (line === 'done' || line.startsWith('done ')) finished = true;
        if (line.startsWith('failed')) reject(new Error(line));
      }
      if (killAfter !== undefined && units >= killAfter && !child.killed) {
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * jitterMs));
      }
    });
    child.on('exit', () => resolve({ units, finished }));
    child.on('error', reject);
  });
}
