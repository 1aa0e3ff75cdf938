// A fake transport for tests: commands answer from a table the test gives; job events and
// connection status changes are emitted by the test.
import { COMMAND_NAMES, groupApi, type CommandName, type CommandRequest, type CommandResponse, type JobEvent } from '../../../../shared/contract'
import type { Connection } from '../../api/connect'
import type { ConnectionStatus } from '../../api/ws-client'

export type Answers = { [C in CommandName]?: (request: CommandRequest<C>) => CommandResponse<C> | Promise<CommandResponse<C>> }

export function fakeConnection(answers: Answers) {
  const calls: { command: CommandName; request: unknown }[] = []
  const eventListeners = new Set<(e: JobEvent) => void>()
  const statusListeners = new Set<(s: ConnectionStatus) => void>()
  let status: ConnectionStatus = 'open'
  const api = groupApi(
    {
      async invoke(command, request) {
        calls.push({ command, request })
        const answer = answers[command] as ((r: unknown) => unknown) | undefined
        if (!answer) throw new Error(`the test gave no answer for ${command}`)
        return (await answer(request)) as never
      },
      onJobEvent(listener) {
        eventListeners.add(listener)
        return () => eventListeners.delete(listener)
      },
    },
    COMMAND_NAMES,
  )
  const connection: Connection = {
    api,
    transport: 'websocket',
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
  }
  return {
    connection,
    calls,
    listeners: () => eventListeners.size,
    emit: (e: JobEvent) => eventListeners.forEach((l) => l(e)),
    setStatus(s: ConnectionStatus) {
      status = s
      statusListeners.forEach((l) => l(s))
    },
  }
}
