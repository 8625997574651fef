/** Lambda: /api/movies/* and /api/genres/ */
import { createMoviesApp } from '../apps/movies.js';
import { httpHandler } from './http-handler.js';

export const handler = httpHandler(createMoviesApp);
