/** Lambda: /api/users/* */
import { createUsersApp } from '../apps/users.js';
import { httpHandler } from './http-handler.js';

export const handler = httpHandler(createUsersApp);
