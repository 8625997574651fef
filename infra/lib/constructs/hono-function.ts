/**
 * One Lambda function over a handler in functions/src/lambda/, with the defaults every function
 * shares in one place: ARM64, Node 22, an esbuild ESM bundle (minified, with source maps the
 * runtime uses for stack traces, the externals of bundling.ts), JSON logs kept for the configured
 * days, and the environment every deployed function runs with.
 */
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import { Architecture, type ILayerVersion, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import {
  entryFile,
  ESM_REQUIRE_BANNER,
  EXTERNAL_MODULES,
  type LambdaEntry,
  NODE_TARGET,
  SWAGGER_UI_FILES,
} from './bundling.js';

const LOCK_FILE = fileURLToPath(new URL('../../../package-lock.json', import.meta.url));
const SWAGGER_UI_DIR = fileURLToPath(new URL('../../../node_modules/swagger-ui-dist/', import.meta.url));

export interface HonoFunctionProps {
  /** The handler module under functions/src/lambda/ ("users" → lambda/users.ts, export `handler`). */
  entry: LambdaEntry;
  memoryMb: number;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
  timeout?: Duration;
  /** Ship Swagger UI's files beside the bundle (the function answering /api/docs). */
  withSwaggerUi?: boolean;
  layers?: ILayerVersion[];
  /** Run inside a VPC (to reach a user tower served on ECS behind an internal load balancer). */
  network?: { vpc: IVpc; securityGroups: ISecurityGroup[] };
  ephemeralStorageMb?: number;
}

/** Every deployed function talks to Neon over WebSockets and keeps nothing on its read-only disk. */
const DEPLOYED_ENVIRONMENT = {
  NODE_OPTIONS: '--enable-source-maps',
  DATABASE_DRIVER: 'neon',
  DATA_DIR: '/tmp/movierec',
};

export class HonoFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: HonoFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: entryFile(props.entry),
      handler: 'handler',
      depsLockFilePath: LOCK_FILE,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout ?? Duration.seconds(10),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      layers: props.layers,
      vpc: props.network?.vpc,
      securityGroups: props.network?.securityGroups,
      ephemeralStorageSize: props.ephemeralStorageMb ? Size.mebibytes(props.ephemeralStorageMb) : undefined,
      environment: { ...DEPLOYED_ENVIRONMENT, ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: NODE_TARGET,
        minify: true,
        sourceMap: true,
        externalModules: EXTERNAL_MODULES,
        banner: ESM_REQUIRE_BANNER,
        commandHooks: props.withSwaggerUi ? swaggerUiHooks : undefined,
      },
    });
  }
}

const swaggerUiHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_input: string, output: string) => [
    `mkdir -p "${output}/node_modules/swagger-ui-dist"`,
    ...SWAGGER_UI_FILES.map((file) => `cp "${SWAGGER_UI_DIR}${file}" "${output}/node_modules/swagger-ui-dist/"`),
  ],
};
