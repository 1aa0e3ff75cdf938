// App-wide hardening per DESIGN §10: every web contents may not navigate, be redirected, have
// a frame navigate, attach a webview, open a window, or get a permission (camera, notifications,
// clipboard, ...). The UI is one local page that needs none of these; links on the allow-list
// open in the user's browser.
import { app, session, shell, type Event, type WebContents } from 'electron'
import { isAllowedExternal } from './external-links'

const deny = (event: Event) => event.preventDefault()

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', deny)
  contents.on('will-redirect', deny)
  contents.on('will-frame-navigate', deny)
  contents.on('will-attach-webview', deny)
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export function hardenApp(): void {
  app.on('web-contents-created', (_e, contents) => hardenContents(contents))
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
  })
}
