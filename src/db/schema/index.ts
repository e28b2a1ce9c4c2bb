export * from './org.js';
export * from './system.js';
export * from './outbox.js';
