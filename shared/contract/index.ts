export * from './errors.js';
export * from './types.js';
export * from './define.js';
export * from './methods.js';
export * from './events.js';
export * from './client.js';
export * from './sync.js';
export * from './cases.js';
