/**
 * The web app on a CDN: a private, versioned S3 bucket that CloudFront reads through an origin
 * access control; client-side routes answered with index.html by a viewer-request function; /api/*
 * sent to the HTTP API on the same origin (no CORS); hashed assets cached for a year, pages
 * revalidated; security headers on every response; access logs for the bucket and the distribution.
 */
import { Annotations, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type IOrigin,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type BucketProps,
  type CfnBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stage } from '../config.js';

export interface SpaHostingProps {
  /** 'dev' empties and deletes the buckets with the stack; 'prod' keeps them. */
  stage: Stage;
  /** The web build (web/dist): index.html and the hashed assets/ it loads. */
  webDist: string;
  /** The HTTP API's host name, `${apiId}.execute-api.${region}.amazonaws.com` (a token is fine). */
  apiDomainName: string;
  /** @default PriceClass.PRICE_CLASS_100 (North America and Europe) */
  priceClass?: PriceClass;
  /** How long the deployment function's logs are kept. @default RetentionDays.ONE_MONTH */
  logRetention?: RetentionDays;
}

/** Vite writes every hashed file under this folder of the build. */
const ASSETS_DIR = 'assets';
const IMMUTABLE = CacheControl.fromString('public, max-age=31536000, immutable');
/** How long access logs, and object versions a release replaced, are kept. */
const KEEP_FOR = Duration.days(90);

/**
 * Viewer-request function (cloudfront-js-2.0) of the default behaviour: a path whose last segment
 * has no file extension is a client-side route (/movie/603, /users/1, /) and gets index.html, so
 * the router draws it with a 200. Files keep their path, so a missing one stays a 404 rather than
 * HTML served as JavaScript. /api/* and /assets/* have their own behaviours and never run this.
 */
const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.slice(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The SPA's policy. Posters come from TMDB's image CDN; Radix injects <style> elements at runtime
 * (react-remove-scroll), hence 'unsafe-inline' for styles only. Scripts stay 'self' plus the
 * hashes of index.html's inline scripts (the pre-paint theme script), computed from the build.
 */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['img-src', ["'self'", 'data:', 'https://image.tmdb.org']],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['connect-src', ["'self'"]],
  ['font-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'self'"]],
  ['frame-ancestors', ["'none'"]],
  ['form-action', ["'self'"]],
];

/** The 'sha256-…' source of every inline <script> (one without src) in the page. */
function inlineScriptHashes(html: string): string[] {
  const scripts = html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi);
  return [...scripts]
    .filter(([, attributes]) => !/\bsrc\s*=/i.test(attributes ?? ''))
    .map(([, , body]) => {
      // Browsers hash the script text after HTML's newline normalisation.
      const text = (body ?? '').replace(/\r\n?/g, '\n');
      return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    });
}

function contentSecurityPolicy(indexHtml: string): string {
  const hashes = inlineScriptHashes(indexHtml);
  return CSP_DIRECTIVES.map(([name, sources]) =>
    [name, ...sources, ...(name === 'script-src' ? hashes : [])].join(' '),
  ).join('; ');
}

/** The build's index.html, or an error naming what is missing and how to build it. */
function readWebBuild(webDist: string): string {
  const indexHtml = join(webDist, 'index.html');
  const assets = join(webDist, ASSETS_DIR);
  const missing = [indexHtml, assets].find((path) => !existsSync(path));
  if (missing)
    throw new Error(`The web build is missing ${missing}: run \`npm run build -w web\` before synthesizing.`);
  return readFileSync(indexHtml, 'utf8');
}

/**
 * HSTS, nosniff, referrer policy and frame denial on every response. `override` decides whether
 * they replace the origin's own headers (the SPA's S3 objects have none; the API may set its own).
 */
function securityHeaders(override: boolean, csp?: string): ResponseSecurityHeadersBehavior {
  return {
    strictTransportSecurity: {
      accessControlMaxAge: Duration.days(730),
      includeSubdomains: true,
      preload: true,
      override,
    },
    contentTypeOptions: { override },
    referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override },
    frameOptions: { frameOption: HeadersFrameOption.DENY, override },
    ...(csp && { contentSecurityPolicy: { contentSecurityPolicy: csp, override } }),
  };
}

/** Dev buckets go with the stack (emptied first); prod buckets outlive it. */
function lifetime(stage: Stage): Pick<BucketProps, 'removalPolicy' | 'autoDeleteObjects'> {
  return stage === 'dev'
    ? { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }
    : { removalPolicy: RemovalPolicy.RETAIN };
}

const PRIVATE_BUCKET: BucketProps = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
};

/** Acknowledges cdk-nag AwsSolutions findings on `scope` and everything below it, each with its reason. */
function acknowledge(scope: IConstruct, reasons: Record<string, string>): void {
  Validations.of(scope).acknowledge(
    ...Object.entries(reasons).map(([finding, reason]) => ({ id: `AwsSolutions-${finding}`, reason })),
  );
}

export class SpaHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SpaHostingProps) {
    super(scope, id);
    const indexHtml = readWebBuild(props.webDist);
    const logBucket = this.logBucket(props.stage);
    this.bucket = new Bucket(this, 'Bucket', {
      ...PRIVATE_BUCKET,
      ...lifetime(props.stage),
      versioned: true,
      // Replaced versions allow a rollback for a while, not forever.
      lifecycleRules: [{ noncurrentVersionExpiration: KEEP_FOR }],
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3-access/',
    });
    this.distribution = this.createDistribution(props, contentSecurityPolicy(indexHtml), logBucket);
    this.deploy(props);
  }

  private logBucket(stage: Stage): Bucket {
    const logs = new Bucket(this, 'Logs', {
      ...PRIVATE_BUCKET,
      ...lifetime(stage),
      // CloudFront standard logs are delivered with an ACL grant, which needs ACLs enabled.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: KEEP_FOR }],
    });
    acknowledge(logs, {
      S1: 'This is the access-log bucket itself: logging it into itself would log every log delivery.',
    });
    return logs;
  }

  private createDistribution(props: SpaHostingProps, csp: string, logBucket: Bucket): Distribution {
    // LIST lets S3 answer a missing key with 404 instead of 403; the bucket holds only public files.
    const site = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });
    const spaHeaders = new ResponseHeadersPolicy(this, 'SpaHeaders', {
      comment: 'The SPA: security headers and its Content-Security-Policy',
      securityHeadersBehavior: securityHeaders(true, csp),
    });
    const behaviour = (origin: IOrigin, options: Partial<BehaviorOptions>): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: spaHeaders,
      ...options,
    });
    const distribution = new Distribution(this, 'Distribution', {
      comment: `movierec ${props.stage} web app`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: behaviour(site, {
        // Pages are uploaded with no-cache (browsers revalidate), and each release invalidates them here.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: this.spaRewrite() }],
      }),
      additionalBehaviors: {
        [`/${ASSETS_DIR}/*`]: behaviour(site, { cachePolicy: this.assetsCachePolicy() }),
        '/api/*': behaviour(new HttpOrigin(props.apiDomainName, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }), {
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.apiHeaders(),
        }),
      },
    });
    // CDK warns about LIST access unless a root object is set; it is (index.html), so the warning is spent.
    Annotations.of(distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'defaultRootObject is index.html; LIST only turns a missing file into a 404 instead of a 403',
    );
    acknowledge(distribution, {
      CFR1: 'No geo restriction: the app is meant for every country and serves nothing licensed by region.',
      CFR2: 'No WAF web ACL: the SPA is static files and the API is throttled by API Gateway; a web ACL costs a monthly fee per ACL and rule, left for when traffic calls for it.',
      CFR4: 'The default *.cloudfront.net certificate fixes the minimum TLS version (CloudFront ignores the setting); raising it needs a custom domain with an ACM certificate, which this deployment does not have.',
    });
    return distribution;
  }

  private spaRewrite(): CloudFrontFunction {
    return new CloudFrontFunction(this, 'SpaRewrite', {
      comment: 'Client-side routes (paths without a file extension) get index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_REWRITE_CODE),
    });
  }

  /** Hashed file names change with their content, so a year at the edge is safe. */
  private assetsCachePolicy(): CachePolicy {
    return new CachePolicy(this, 'AssetsCache', {
      comment: 'Hashed build assets: immutable, cached for a year',
      defaultTtl: Duration.days(365),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
  }

  /**
   * The API gets the transport headers but not the SPA's CSP: /api/docs is Swagger UI with its own
   * inline script, and JSON responses need none. The API's own headers win where it sets them.
   */
  private apiHeaders(): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'The API: security headers, no SPA Content-Security-Policy',
      securityHeadersBehavior: securityHeaders(false),
    });
  }

  /**
   * Two uploads, because the two kinds of file need different Cache-Control headers. Assets are
   * never pruned: browsers still running the previous index.html fetch its chunks. The pages are
   * pruned, except for assets/, and go up last, so index.html never names an asset not yet there.
   */
  private deploy(props: SpaHostingProps): void {
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: lifetime(props.stage).removalPolicy,
    });
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(join(props.webDist, ASSETS_DIR))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${ASSETS_DIR}/`,
      cacheControl: [IMMUTABLE],
      prune: false,
      logGroup,
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      sources: [Source.asset(props.webDist, { exclude: [ASSETS_DIR] })],
      destinationBucket: this.bucket,
      exclude: [`${ASSETS_DIR}/*`],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      logGroup,
    });
    pages.node.addDependency(assets);
    this.acknowledgeDeploymentHandler(assets);
  }

  /**
   * BucketDeployment's handler is one function per stack that aws-cdk-lib writes (runtime, role,
   * policy); these findings are about its code, not choices made here. Each IAM5 finding is
   * acknowledged by its exact id, so a wildcard added later still fails synth.
   */
  private acknowledgeDeploymentHandler(deployment: BucketDeployment): void {
    const stack = Stack.of(this);
    const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    // cdk-nag prints unresolved parts as <AWS::…> and resolved ones (a stack with an env) as values.
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${shown(stack.account, 'AccountId')}-${shown(stack.region, 'Region')}`;
    const siteBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const grantActions =
      "aws-cdk-lib's grantRead on the CDK asset bucket and grantReadWrite on the site bucket, limited to those two buckets.";
    acknowledge(deployment.handlerRole.node.scope ?? deployment.handlerRole, {
      L1: "The handler's runtime (Python) is pinned by aws-cdk-lib and moves with its upgrades; it cannot be set.",
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'The managed basic execution role only lets the handler write its own CloudWatch logs.',
      'IAM5[Action::s3:GetObject*]': grantActions,
      'IAM5[Action::s3:GetBucket*]': grantActions,
      'IAM5[Action::s3:List*]': grantActions,
      'IAM5[Action::s3:DeleteObject*]': `${grantActions} Deleting is what prunes stale pages.`,
      'IAM5[Action::s3:Abort*]': `${grantActions} Abort cleans up failed multipart uploads.`,
      [`IAM5[Resource::${assetBucket}/*]`]:
        'The handler reads the release zip from the CDK asset bucket, whose keys are content hashes.',
      [`IAM5[Resource::<${siteBucket}.Arn>/*]`]:
        'The handler uploads and prunes the web build, any key of the site bucket.',
      'IAM5[Resource::*]':
        "aws-cdk-lib writes the handler's cloudfront:CreateInvalidation and GetInvalidation with Resource '*'; it only invalidates this distribution.",
    });
  }
}
