import { describe, expect, it } from 'vitest'
import { createWsClient, webSocketUrl, type SocketLike } from './ws-client'
import type { JobEvent } from '../../../shared/contract'

class FakeSocket implements SocketLike {
  readyState = 0
  sent: string[] = []
  onopen: ((ev: unknown) => void) | null = null
  onclose: ((ev: unknown) => void) | null = null
  onerror: ((ev: unknown) => void) | null = null
  onmessage: ((ev: { data: unknown }) => void) | null = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data)
  }
  close() {
    this.readyState = 3
    this.onclose?.({})
  }
  open() {
    this.readyState = 1
    this.onopen?.({})
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }
  lastRequest(): { id: number; command: string; request: unknown } {
    return JSON.parse(this.sent.at(-1) ?? 'null')
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const timers: (() => void)[] = []
  const client = createWsClient({
    url: 'ws://h/ws?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
  })
  return { client, sockets, timers }
}

const info = {
  version: '0.1.0',
  transport: 'websocket',
  demo: true,
  defaults: {
    sourceBucket: 'data.binance.vision',
    sourceEndpoint: null,
    destinationBucket: 'lake',
    destinationPrefix: 'bronze/binance',
    destinationEndpoint: null,
    credentials: 'demo',
  },
}

describe('createWsClient', () => {
  it('queues calls until open and resolves with the parsed response', async () => {
    const { client, sockets } = setup()
    const p = client.invoke('app:info', {})
    expect(sockets[0].sent).toHaveLength(0)
    sockets[0].open()
    const req = sockets[0].lastRequest()
    expect(req).toMatchObject({ command: 'app:info', request: {} })
    sockets[0].receive({ id: req.id, ok: true, response: info })
    await expect(p).resolves.toEqual(info)
  })

  it('rejects with the server error code, message and issues', async () => {
    const { client, sockets } = setup()
    sockets[0].open()
    const p = client.invoke('plan:preview', { config: {} })
    const issue = { code: 'CE004', field: 'date_range', message: 'start after end', fix: 'swap them' }
    sockets[0].receive({ id: sockets[0].lastRequest().id, ok: false, error: { code: 'CONFIG_INVALID', message: 'bad', issues: [issue] } })
    await expect(p).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [issue] })
  })

  it('rejects a response that breaks the contract', async () => {
    const { client, sockets } = setup()
    sockets[0].open()
    const p = client.invoke('jobs:start', { config: {} })
    sockets[0].receive({ id: sockets[0].lastRequest().id, ok: true, response: { job: 1 } })
    await expect(p).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })

  it('delivers valid job events and drops malformed frames', () => {
    const { client, sockets } = setup()
    sockets[0].open()
    const seen: JobEvent[] = []
    client.onJobEvent((e) => seen.push(e))
    sockets[0].receive({ event: 'jobs:event', payload: { type: 'state', jobId: 'j1', state: 'running' } })
    sockets[0].receive({ event: 'jobs:event', payload: { type: 'state', jobId: 'j1', state: 'exploded' } })
    sockets[0].onmessage?.({ data: 'not json' })
    expect(seen).toEqual([{ type: 'state', jobId: 'j1', state: 'running' }])
  })

  it('rejects pending calls on close and reconnects with backoff', async () => {
    const { client, sockets, timers } = setup()
    sockets[0].open()
    const p = client.invoke('jobs:list', {})
    sockets[0].close()
    await expect(p).rejects.toMatchObject({ code: 'DISCONNECTED' })
    expect(client.status()).toBe('closed')
    expect(timers).toHaveLength(1)
    timers[0]()
    expect(sockets).toHaveLength(2)
    sockets[1].open()
    expect(client.status()).toBe('open')
  })

  it('stops reconnecting once disposed', () => {
    const { client, sockets, timers } = setup()
    sockets[0].open()
    client.dispose()
    expect(timers).toHaveLength(0)
  })
})

describe('webSocketUrl', () => {
  it('follows the page scheme and encodes the token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5000' }, 'a b')).toBe('ws://127.0.0.1:5000/ws?token=a%20b')
    expect(webSocketUrl({ protocol: 'https:', host: 'x' }, 't')).toBe('wss://x/ws?token=t')
  })
})
