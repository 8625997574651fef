/**
 * An endpoint group as a Lambda function behind API Gateway (HTTP API, payload v2). The group's
 * services are built on the first invocation and reused while the container lives.
 */
import { handle } from 'hono/aws-lambda';

type HonoApp = Parameters<typeof handle>[0];
type LambdaHandler = ReturnType<typeof handle>;

export function httpHandler<S>(build: (services: S) => HonoApp, services: () => Promise<S>) {
  let handler: LambdaHandler | null = null;
  return async (event: Parameters<LambdaHandler>[0], context?: Parameters<LambdaHandler>[1]) => {
    handler ??= handle(build(await services()));
    return handler(event, context);
  };
}
