import fs from 'node:fs/promises';
import path from 'node:path';
import { dialog, type BrowserWindow } from 'electron';

/**
 * A bookkeeping export saved where the user says (the OS save dialog, asked once for the first
 * file); an export a vendor's limit split into several files puts the others beside the first,
 * under their own names (which keep their order). Undefined when cancelled.
 */
export async function saveWithDialog(
  window: BrowserWindow | undefined,
  files: readonly { fileName: string; bytes: Buffer }[],
): Promise<string[] | undefined> {
  const first = files[0];
  if (!first) return [];
  const options = { defaultPath: first.fileName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return undefined;
  const folder = path.dirname(result.filePath);
  const paths = [result.filePath, ...files.slice(1).map((f) => path.join(folder, f.fileName))];
  for (const [i, file] of files.entries()) await fs.writeFile(paths[i]!, file.bytes);
  return paths;
}
