import fs from 'node:fs/promises';
import { dialog, type BrowserWindow } from 'electron';

/** A bookkeeping export saved where the user says (the OS save dialog); undefined when cancelled. */
export async function saveWithDialog(
  window: BrowserWindow | undefined,
  fileName: string,
  bytes: Buffer,
): Promise<string | undefined> {
  const options = { defaultPath: fileName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return undefined;
  await fs.writeFile(result.filePath, bytes);
  return result.filePath;
}
