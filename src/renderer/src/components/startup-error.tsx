export function StartupError({ reason }: { reason: string }) {
  return (
    <main className="startup-error">
      <h1>Archive Sync</h1>
      <p role="alert">{reason}</p>
    </main>
  )
}
