/**
 * One endpoint group's Lambda function, with the defaults every group shares in one place: ARM64,
 * Node 22, an esbuild bundle (minified, with source maps the runtime uses for stack traces), JSON
 * logs kept for the configured days.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

const FUNCTIONS_SRC = fileURLToPath(new URL('../../../functions/src/', import.meta.url));
const LOCK_FILE = fileURLToPath(new URL('../../../package-lock.json', import.meta.url));

export interface HonoFunctionProps {
  /** The handler module under functions/src/lambda/ ("users" → lambda/users.ts, export `handler`). */
  entry: string;
  memoryMb: number;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
  timeout?: Duration;
}

export class HonoFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: HonoFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${FUNCTIONS_SRC}lambda/${props.entry}.ts`,
      handler: 'handler',
      depsLockFilePath: LOCK_FILE,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout ?? Duration.seconds(10),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        // ESM bundles still meet CommonJS dependencies that call require().
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
  }
}
