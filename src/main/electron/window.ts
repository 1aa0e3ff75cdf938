// The desktop window per DESIGN §10: isolated, sandboxed, no node in the page, no remote
// content (navigation, windows and permissions are denied app-wide in harden.ts).
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog } from 'electron'

const here = fileURLToPath(new URL('.', import.meta.url))

/** The output root for downloads, picked by the user in a native dialog: the page never types a path outside it. */
export async function chooseOutputFolder(win: BrowserWindow | undefined): Promise<string | undefined> {
  const options = { title: 'Folder for downloads', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] }
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  return r.canceled ? undefined : r.filePaths[0]
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1280,
    minHeight: 720,
    show: false,
    // resources/icon.png, packaged beside out/ (electron-builder.yml); macOS and Windows take the
    // bundle's .icns/.ico instead, Linux window managers read this one.
    icon: join(here, '../../resources/icon.png'),
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  // The page refuses to unload while a job runs (beforeunload); Electron shows no prompt of its
  // own, so ask here. Leaving only closes the window: the job keeps its journal and can resume.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'A copy is still running.',
      detail: 'Leave anyway? The job is cancelled and can be resumed later from its journal.',
    })
    if (choice === 0) event.preventDefault()
  })
  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (!app.isPackaged && devUrl) void win.loadURL(devUrl)
  else void win.loadFile(join(here, '../renderer/index.html'))
  return win
}
