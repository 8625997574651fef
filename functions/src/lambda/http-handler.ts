/**
 * An endpoint group as a Lambda function behind API Gateway (HTTP API, payload v2). The runtime is
 * built on the first invocation and reused while the container lives.
 */
import { handle } from 'hono/aws-lambda';
import type { AppServices } from '../apps/services.js';
import { runtimeFromEnv, type Runtime } from '../composition/runtime.js';

type LambdaHandler = ReturnType<typeof handle>;

export function httpHandler(
  build: (services: AppServices) => Parameters<typeof handle>[0],
  runtime: () => Promise<Runtime> = runtimeFromEnv,
) {
  let handler: LambdaHandler | null = null;
  return async (event: Parameters<LambdaHandler>[0], context?: Parameters<LambdaHandler>[1]) => {
    handler ??= handle(build((await runtime()).services));
    return handler(event, context);
  };
}
