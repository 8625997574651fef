/** The validated environment (config/env.ts). */
export * from '../config/env.js';
