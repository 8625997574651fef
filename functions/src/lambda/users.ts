/** Lambda: /api/users/* (the database only) */
import { createUsersApp } from '../apps/users.js';
import type { UsersServices } from '../apps/services.js';
import { openDeployedStores, servicesFromEnv } from '../composition/lambda.js';
import { userServiceOf } from '../composition/parts.js';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../core/logger.port.js';
import { httpHandler } from './http-handler.js';

export const buildUsersServices = async (config: AppConfig, log: Logger): Promise<UsersServices> => ({
  users: userServiceOf(config, await openDeployedStores(config, log)),
  log,
});

export const handler = httpHandler(createUsersApp, servicesFromEnv(buildUsersServices));
