// Renders a component the way main.tsx does (query client, connection), over a fake transport
// whose commands answer from a table the test gives and whose job events the test emits.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { COMMAND_NAMES, groupApi, type CommandName, type CommandRequest, type CommandResponse, type JobEvent } from '../../../../shared/contract'
import { ApiProvider } from '../../api/api-context'
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

export function renderWithApi(ui: ReactElement, answers: Answers = {}) {
  const fake = fakeConnection(answers)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider connection={fake.connection}>{ui}</ApiProvider>
    </QueryClientProvider>,
  )
  return { ...view, ...fake, queryClient }
}
