export * from './commands'
export * from './model'
export * from './wire'
