// Import cycles, type-only imports included: eslint's import-x/no-cycle skips `import type` by
// design, but a cycle of types still ties two modules into one (and turns into a value cycle at
// the first constant moved). The folder directions live in eslint.config.js.
module.exports = {
  forbidden: [{ name: 'no-cycle', severity: 'error', comment: 'Move what both modules need into the lower one.', from: {}, to: { circular: true } }],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|node_modules|test-results)/' },
  },
}
