// Per-test `archive-sync demo`: a local S3 seeded with a Binance-layout archive plus the UI
// over browser mode, in a temp data dir, stopped (SIGTERM) when the test ends.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

export interface DemoInfo {
  url: string
  s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; region: string }
  sourceBucket: string
  destinationBucket: string
  destinationPrefix: string
  dataDir: string
}

export interface Demo extends DemoInfo {
  client: S3Client
  listKeys(bucket: string, prefix: string): Promise<string[]>
  getBytes(bucket: string, key: string): Promise<Uint8Array>
}

const ROOT = resolve(import.meta.dirname, '..')
const START_TIMEOUT_MS = 90_000

function isDemoInfo(v: unknown): v is DemoInfo {
  if (!v || typeof v !== 'object') return false
  const o = v as Record<string, unknown>
  return typeof o.url === 'string' && typeof o.sourceBucket === 'string' && typeof o.s3 === 'object' && o.s3 !== null
}

/** Resolves with the one JSON line the CLI prints once it serves; rejects with its stderr otherwise. */
function waitForInfo(child: ChildProcess, stderr: () => string): Promise<DemoInfo> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`archive-sync demo printed no JSON line within ${START_TIMEOUT_MS} ms\n${stderr()}`)), START_TIMEOUT_MS)
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      try {
        const parsed: unknown = JSON.parse(line)
        if (!isDemoInfo(parsed)) return
        clearTimeout(timer)
        lines.close()
        resolvePromise(parsed)
      } catch {
        // not the JSON line: the CLI may log before it
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`archive-sync demo exited (${code ?? signal}) before serving\n${stderr()}`))
    })
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGTERM')
  // A server stuck in teardown must not hang the suite.
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

export const test = base.extend<{ demo: Demo; copyLatencyMs: number }>({
  /** The demo's --copy-latency-ms: a spec that must catch a job still running sets it (test.use). */
  copyLatencyMs: [0, { option: true }],
  demo: async ({ copyLatencyMs }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'archive-sync-e2e-'))
    // The profiles list reads these, not the developer's own ~/.aws (names and regions only).
    const awsDir = await mkdtemp(join(tmpdir(), 'archive-sync-e2e-aws-'))
    await writeFile(join(awsDir, 'config'), '[default]\nregion = us-east-1\n[profile e2e-lake]\nregion = eu-west-1\n')
    await writeFile(join(awsDir, 'credentials'), '[e2e-lake]\naws_access_key_id = AKIAE2EEXAMPLE\naws_secret_access_key = e2e-secret\n')
    let err = ''
    const child = spawn(process.execPath, ['bin/archive-sync.js', 'demo', '--port', '0', '--data-dir', dataDir, '--json', '--copy-latency-ms', String(copyLatencyMs)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', AWS_CONFIG_FILE: join(awsDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials') },
    })
    child.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-20_000)
    })
    try {
      const info = await waitForInfo(child, () => err)
      const client = new S3Client({
        endpoint: info.s3.endpoint,
        region: info.s3.region,
        credentials: { accessKeyId: info.s3.accessKeyId, secretAccessKey: info.s3.secretAccessKey },
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      })
      const listKeys = async (bucket: string, prefix: string) => {
        const keys: string[] = []
        let token: string | undefined
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }))
          for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key)
          token = page.IsTruncated ? page.NextContinuationToken : undefined
        } while (token)
        return keys
      }
      const getBytes = async (bucket: string, key: string) => {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        if (!res.Body) throw new Error(`s3://${bucket}/${key} has no body`)
        return res.Body.transformToByteArray()
      }
      await use({ ...info, client, listKeys, getBytes })
      client.destroy()
    } finally {
      await stop(child)
      if (testInfo.status !== testInfo.expectedStatus && err) await testInfo.attach('archive-sync-stderr', { body: err, contentType: 'text/plain' })
      await rm(dataDir, { recursive: true, force: true })
      await rm(awsDir, { recursive: true, force: true })
    }
  },
})

export { expect }
