import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ApiProvider } from './api/api-context'
import { CLIENT_ERRORS, toAppError } from './api/app-error'
import { connect } from './api/connect'
import { App } from './components/app'
import { StartupError } from './components/startup-error'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      // Retrying only helps when the socket dropped; a validation error stays an error.
      retry: (count, error) => count < 3 && toAppError(error).code === CLIENT_ERRORS.disconnected,
    },
  },
})

const rootEl = document.getElementById('root')
if (!rootEl) throw new Error('index.html lacks #root')
const root = createRoot(rootEl)
const result = connect(window)
root.render(
  result.ok ? (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ApiProvider connection={result.connection}>
          <App />
        </ApiProvider>
      </QueryClientProvider>
    </StrictMode>
  ) : (
    <StartupError reason={result.reason} />
  ),
)
