export * from './commands'
export * from './model'
export * from './wire'
export * from './workbench'
