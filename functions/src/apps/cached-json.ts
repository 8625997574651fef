/**
 * JSON bodies built once per result object. The recommender hands back the very same object for
 * every hit of its list cache, so its serialized body is remembered against that object: a hit
 * costs neither the presenter nor JSON.stringify, and the body is collected with the list.
 */
import type { Context, TypedResponse } from 'hono';

const bodies = new WeakMap<object, string>();

export function cachedJson<T>(c: Context, result: object, present: () => T): TypedResponse<T, 200, 'json'> & Response {
  let body = bodies.get(result);
  if (body === undefined) {
    body = JSON.stringify(present());
    bodies.set(result, body);
  }
  // The body is exactly present()'s JSON, so the route keeps its typed response.
  return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<T, 200, 'json'> &
    Response;
}
