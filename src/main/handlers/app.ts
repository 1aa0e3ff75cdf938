// app:* — what the page may know about this server, and where downloads land.
import { mkdir, realpath } from 'node:fs/promises'
import type { DomainHandlers, Services } from './types'

export function appHandlers(s: Services): DomainHandlers<'app'> {
  return {
    'app:info': async () => s.info,
    'app:outputRoot': async ({ choose }) => {
      // The folder is picked in main (a native dialog), never typed by the page: the page only
      // names folders inside it.
      const picked = choose && s.output.choose ? await s.output.choose() : undefined
      if (picked) {
        await mkdir(picked, { recursive: true })
        s.output.path = await realpath(picked)
      }
      return { path: s.output.path, canChoose: Boolean(s.output.choose) }
    },
  }
}
