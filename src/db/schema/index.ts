export * from './org.js';
export * from './system.js';
