// Renders a component the way main.tsx does (query client, connection) over a fake transport.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { ApiProvider } from '../../api/api-context'
import { fakeConnection, type Answers } from './fake-connection'

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
