/**
 * The Electron main process: the product's shell around the app core. Thin on purpose — lifecycle,
 * the window and its locks, the one IPC channel, the system browser — because Electron cannot run on
 * the build machines: everything else is the core, tested under Node and through the browser shell.
 * Built to dist/electron/ (`npm run build:electron`); `npm start` builds and launches it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/channels.ts';
import { loadAppConfig } from '../app-config.ts';
import { createAppCore, type AppCore } from '../app-core.ts';
import { localBankProfile } from '../bank-profiles.ts';
import { dispatch } from '../ipc-dispatch.ts';
import { isBankUrl } from '../shell-policy.ts';
import { startupFailureMessage } from '../startup-failure.ts';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { saveWithDialog } from './save-file.ts';
import { isTrustedSender, lockDown } from './window-security.ts';

const BUILD_DIR = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(BUILD_DIR, '..', 'renderer');

let window: BrowserWindow | undefined;
let core: AppCore | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    title: 'デモ信用金庫 連携アプリ',
    show: false,
    webPreferences: {
      preload: path.join(BUILD_DIR, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click would otherwise open a link in a new window, past setWindowOpenHandler's view.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDown(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (its window comes forward) and leaves.
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(async () => {
    serveRenderer(RENDERER_DIR);
    try {
      const config = loadAppConfig();
      core = await createAppCore({
        dataDir: config.dataDir ?? app.getPath('userData'),
        shell: 'electron',
        builtInProfile: localBankProfile(config.bankIssuer),
        startLocalBank: true,
        localBankTlsPort: config.bankTlsPort,
        // Only the bank's own pages (of the profiles as they are now), and only because the core
        // asked: never a URL from the renderer.
        openExternal: async (url) => {
          if (!core || !isBankUrl(url, core.profiles()))
            throw new Error(`refusing to open a URL that is not the bank's: ${url}`);
          await shell.openExternal(url);
        },
        saveFiles: (files) => saveWithDialog(window, files),
      });
      // `npm start`'s terminal: whose bank answers on the built-in bank's port, if not the app's own.
      for (const note of core.startupNotes) console.log(note);
    } catch (error) {
      // No window yet to show a notice in (a bad setting, CONFIG_INVALID; a database from a newer
      // version, DATABASE_TOO_NEW): say so in a dialog and leave the data as it is.
      const { title, message } = startupFailureMessage(error);
      dialog.showErrorBox(title, message);
      app.exit(1);
      return;
    }
    ipcMain.handle(ELECTRON_INVOKE_CHANNEL, (event, channel: unknown, args: unknown) => {
      if (!isTrustedSender(event, window)) {
        return { ok: false, error: { code: 'INVALID_ARGUMENT', detail: 'untrusted sender' } };
      }
      return dispatch(core!.handlers, channel, args);
    });
    core.onEvent((event) => window?.webContents.send(ELECTRON_EVENT_CHANNEL, event));
    window = createWindow();
  });

  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing || !core) return;
    // Let a running sync finish its page and the ledger close before the process ends.
    event.preventDefault();
    closing = true;
    void core.close().finally(() => app.quit());
  });
}
