/**
 * The web stack synthesized offline over a stand-in build (an index.html with an inline script and
 * an external one, one asset): the private bucket read through an origin access control, the SPA
 * rewrite function (its code run here on fake viewer requests), /api/* to the API, caching and
 * security headers, the two uploads, logs, and cdk-nag's AwsSolutions pack with every
 * acknowledgment explained.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PriceClass } from 'aws-cdk-lib/aws-cloudfront';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebStack, type WebStackProps } from '../lib/web-stack.js';

const API_DOMAIN = 'abc123.execute-api.eu-west-1.amazonaws.com';
/** An inline script written with CRLF line endings, and the hash a browser computes for it (LF). */
const INDEX_HTML = [
  '<!doctype html><html><head>',
  "<script>\r\n  document.documentElement.classList.add('dark');\r\n</script>",
  '<script type="module" crossorigin src="/assets/x.js"></script>',
  '</head><body><div id="root"></div></body></html>',
].join('\n');
const INLINE_SCRIPT_HASH = "'sha256-H6HOv/5+NAyw/6cyX6Jgx61UI+lgCGbk5MGI9hu8MCM='";
const CSP = (scriptSources: string) =>
  "default-src 'self'; img-src 'self' data: https://image.tmdb.org; " +
  `script-src ${scriptSources}; style-src 'self' 'unsafe-inline'; connect-src 'self'; font-src 'self'; ` +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
/** For the tests that synthesize an app of their own (slow on this small, shared machine). */
const SYNTH = { timeout: 120_000 };
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

type Resource = { Properties: Record<string, unknown>; DependsOn?: string[] };
type Behaviour = {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: unknown;
  ResponseHeadersPolicyId: unknown;
  FunctionAssociations?: unknown[];
  [key: string]: unknown;
};
type DistributionConfig = {
  DefaultCacheBehavior: Behaviour;
  CacheBehaviors: Behaviour[];
  Origins: { Id: string; DomainName: unknown; [key: string]: unknown }[];
  [key: string]: unknown;
};

const scratch = mkdtempSync(join(tmpdir(), 'web-stack-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A build folder with `indexHtml` and one hashed asset. */
function webDist(indexHtml = INDEX_HTML, withAssets = true): string {
  const dir = mkdtempSync(join(scratch, 'dist-'));
  writeFileSync(join(dir, 'index.html'), indexHtml);
  if (withAssets) {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'x.js'), 'export {};\n');
  }
  return dir;
}

function newStack(props: Partial<WebStackProps> = {}): { app: App; stack: WebStack; outdir: string } {
  const outdir = mkdtempSync(join(scratch, 'cdk.out-'));
  const app = new App({ outdir });
  const stack = new WebStack(app, 'Test-Web', {
    stage: 'dev',
    webDist: webDist(),
    apiDomainName: API_DOMAIN,
    ...props,
  });
  return { app, stack, outdir };
}

let dev: ReturnType<typeof newStack>;
let template: Template;
let prod: Template;

beforeAll(() => {
  dev = newStack();
  template = Template.fromStack(dev.stack);
  prod = Template.fromStack(newStack({ stage: 'prod', priceClass: PriceClass.PRICE_CLASS_ALL }).stack);
}, 240_000);

const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  dev.stack.getLogicalId(construct.node.defaultChild as never);
const bucketId = () => logicalId(dev.stack.bucket);
const resource = (id: string) => (template.toJSON() as { Resources: Record<string, Resource> }).Resources[id]!;
/** The one bucket with ACLs enabled, as CloudFront's standard logs need. */
const logBucketId = () => {
  const [id] = Object.keys(
    template.findResources('AWS::S3::Bucket', {
      Properties: { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } },
    }),
  );
  expect(id, 'log bucket').toBeDefined();
  return id!;
};
const distributionId = () => logicalId(dev.stack.distribution);
const only = (t: Template, type: string): [string, Resource] => {
  const found = Object.entries(t.findResources(type)) as [string, Resource][];
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const distributionConfig = (t = template) =>
  only(t, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as DistributionConfig;
const behaviour = (pattern: string) => {
  const found = distributionConfig().CacheBehaviors.find((b) => b.PathPattern === pattern);
  expect(found, pattern).toBeDefined();
  return found!;
};
const originOf = (b: Behaviour) => distributionConfig().Origins.find((o) => o.Id === b.TargetOriginId)!;
/** The bucket's policy denies every request made without TLS (enforceSSL). */
const expectTlsOnly = (bucket: string) =>
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: bucket },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    },
  });
/** The response headers policy whose comment matches: its reference and its security headers. */
const headersPolicy = (comment: RegExp) => {
  type Config = { Comment: string; SecurityHeadersConfig: Record<string, unknown> };
  const policies = Object.entries(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as [
    string,
    Resource,
  ][];
  const found = policies.find(([, r]) => comment.test((r.Properties.ResponseHeadersPolicyConfig as Config).Comment));
  expect(found, String(comment)).toBeDefined();
  const [id, policy] = found!;
  return { ref: { Ref: id }, headers: (policy.Properties.ResponseHeadersPolicyConfig as Config).SecurityHeadersConfig };
};

describe('the site bucket', () => {
  it('is private, encrypted with S3-managed keys, versioned, and logs its accesses to the log bucket', () => {
    expect(resource(bucketId()).Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId() }, LogFilePrefix: 's3-access/' },
    });
  });

  it('refuses plain HTTP', () => {
    expectTlsOnly(bucketId());
  });

  it('is read by CloudFront only, through an origin access control scoped to this distribution', () => {
    const [oacId, oac] = only(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = originOf(distributionConfig().DefaultCacheBehavior);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId(), 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            // ListBucket lets a missing key answer 404 rather than 403.
            Action: ['s3:GetObject', 's3:ListBucket'],
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: {
              StringEquals: {
                'AWS:SourceArn': {
                  'Fn::Join': ['', Match.arrayWith([{ Ref: distributionId() }])],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  it('is emptied and deleted with a dev stack, and kept by a prod stack', () => {
    template.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    prod.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    prod.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });
});

describe('the log bucket', () => {
  it('is private, encrypted, refuses plain HTTP, and forgets logs after 90 days', () => {
    expect(resource(logBucketId()).Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' })] },
    });
    expectTlsOnly(logBucketId());
  });

  it("takes CloudFront's standard logs (ACLs enabled for their delivery)", () => {
    expect(distributionConfig().Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logBucketId(), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });
});

describe('the distribution', () => {
  it('serves index.html at the root over HTTP/2 and 3, redirects HTTP to HTTPS, in price class 100 by default', () => {
    const config = distributionConfig();
    expect(config).toMatchObject({
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2and3',
      PriceClass: 'PriceClass_100',
    });
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(b.ViewerProtocolPolicy, b.PathPattern ?? 'default').toBe('redirect-to-https');
    expect(distributionConfig(prod).PriceClass).toBe('PriceClass_All');
  });

  it('sends /api/* to the API over HTTPS, uncached, with every method and the viewer headers but Host', () => {
    const api = behaviour('/api/*');
    expect(originOf(api)).toMatchObject({
      DomainName: API_DOMAIN,
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    expect(api).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    expect(api.FunctionAssociations, 'no SPA rewrite on the API').toBeUndefined();
  });

  it('caches the hashed /assets/* for a year, from the bucket, without the SPA rewrite', () => {
    const assets = behaviour('/assets/*');
    expect(originOf(assets).Id).toBe(distributionConfig().DefaultCacheBehavior.TargetOriginId);
    expect(assets.FunctionAssociations).toBeUndefined();
    const [policyId, policy] = only(template, 'AWS::CloudFront::CachePolicy');
    expect(assets.CachePolicyId).toEqual({ Ref: policyId });
    expect(policy.Properties.CachePolicyConfig).toMatchObject({ DefaultTTL: 31_536_000, MaxTTL: 31_536_000 });
  });

  it('runs the SPA rewrite on viewer requests of the default behaviour', () => {
    const [functionId, fn] = only(template, 'AWS::CloudFront::Function');
    expect(fn.Properties.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    expect(distributionConfig().DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
  });

  it('publishes its URL as WebUrl', () => {
    template.hasOutput('WebUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }]] },
    });
  });
});

describe('the SPA rewrite function', () => {
  type Handler = (event: { request: { uri: string; method: string } }) => { uri: string };
  let handler: Handler;
  beforeAll(() => {
    const code = only(template, 'AWS::CloudFront::Function')[1].Properties.FunctionCode as string;
    handler = runInNewContext(`${code}\nhandler;`) as Handler;
  });
  const rewritten = (uri: string) => handler({ request: { uri, method: 'GET' } }).uri;

  it("answers the app's client-side routes with index.html", () => {
    for (const route of ['/users/1', '/movie/603', '/profile', '/search', '/users/', '/'])
      expect(rewritten(route), route).toBe('/index.html');
  });

  it('keeps the path of anything with a file extension, so a missing file stays a 404', () => {
    for (const file of ['/assets/index-abc.js', '/favicon.svg', '/index.html', '/assets/missing-123.css'])
      expect(rewritten(file), file).toBe(file);
  });
});

describe('the security headers', () => {
  it('give the SPA HSTS, nosniff, a referrer policy, no framing and its CSP with the inline script hash', () => {
    const spa = headersPolicy(/^The SPA/);
    expect(spa.headers).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: CSP(`'self' ${INLINE_SCRIPT_HASH}`), Override: true },
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 63_072_000,
        IncludeSubdomains: true,
        Preload: true,
        Override: true,
      },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
    expect(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(spa.ref);
    expect(behaviour('/assets/*').ResponseHeadersPolicyId).toEqual(spa.ref);
  });

  it("give the API the same transport headers without the SPA's CSP, leaving the API's own headers in place", () => {
    const api = headersPolicy(/^The API/);
    expect(api.headers).toEqual({
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 63_072_000,
        IncludeSubdomains: true,
        Preload: true,
        Override: false,
      },
      ContentTypeOptions: { Override: false },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: false },
      FrameOptions: { FrameOption: 'DENY', Override: false },
    });
    expect(behaviour('/api/*').ResponseHeadersPolicyId).toEqual(api.ref);
  });

  it('keep script-src to self when the page has no inline script', SYNTH, () => {
    const plain = newStack({ webDist: webDist('<html><script type="module" src="/assets/x.js"></script></html>') });
    Template.fromStack(plain.stack).hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: CSP("'self'") } },
      },
    });
  });
});

describe('the uploads', () => {
  const deployments = () => {
    const all = Object.entries(template.findResources('Custom::CDKBucketDeployment')) as [string, Resource][];
    expect(all).toHaveLength(2);
    const assets = all.find(([, r]) => r.Properties.DestinationBucketKeyPrefix === 'assets/');
    const pages = all.find(([, r]) => r.Properties.DestinationBucketKeyPrefix === undefined);
    expect(assets && pages).toBeTruthy();
    return { assets: assets!, pages: pages! };
  };
  /** What the zip of a deployment's source holds: the staged folder in the cloud assembly. */
  const staged = (deployment: Resource) => {
    const [key] = deployment.Properties.SourceObjectKeys as [string];
    const folder = join(dev.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    expect(existsSync(folder), folder).toBe(true);
    return readdirSync(folder, { recursive: true }).map(String).sort();
  };

  it('uploads assets/ as immutable for a year and never prunes them', () => {
    const [, assets] = deployments().assets;
    expect(assets.Properties).toMatchObject({
      DestinationBucketName: { Ref: bucketId() },
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(staged(assets)).toEqual(['x.js']);
  });

  it('uploads the rest with no-cache after the assets, prunes all but assets/, and invalidates the distribution', () => {
    const { assets, pages } = deployments();
    expect(pages[1].Properties).toMatchObject({
      DestinationBucketName: { Ref: bucketId() },
      Prune: true,
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: distributionId() },
      DistributionPaths: ['/*'],
    });
    expect(pages[1].DependsOn).toContain(assets[0]);
    expect(staged(pages[1]), 'the pages zip leaves assets/ to the other upload').toEqual(['index.html']);
  });
});

describe('a missing web build', () => {
  it('fails synth naming the missing index.html and the build command', () => {
    const missing = join(scratch, 'no-such-dist');
    expect(() => newStack({ webDist: missing })).toThrow(
      `The web build is missing ${join(missing, 'index.html')}: run \`npm run build -w web\``,
    );
  });

  it('fails synth naming assets/ when the build has only index.html', () => {
    const partial = webDist(INDEX_HTML, false);
    expect(() => newStack({ webDist: partial })).toThrow(
      `missing ${join(partial, 'assets')}: run \`npm run build -w web\``,
    );
  });
});

describe('cdk-nag (AwsSolutions)', SYNTH, () => {
  type Violation = { ruleName: string; severity: string; violatingConstructs?: { constructPath: string }[] };
  /** Synthesizes `app` under the AwsSolutions pack; the violations it reports, from the validation report. */
  const nagViolations = (app: App, outdir: string): Violation[] => {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      if (!/ValidationFailed|Validation failed/.test(String(error))) throw error;
    }
    const report = join(outdir, 'validation-report.json');
    if (!existsSync(report)) return [];
    const { pluginReports } = JSON.parse(readFileSync(report, 'utf8')) as {
      pluginReports: { violations: Violation[] }[];
    };
    return pluginReports.flatMap((r) => r.violations);
  };
  const errors = (violations: Violation[]) => violations.filter((v) => v.severity === 'error');
  const describeViolations = (violations: Violation[]) =>
    violations
      .map((v) => `${v.ruleName} at ${v.violatingConstructs?.map((c) => c.constructPath).join(', ')}`)
      .join('\n');

  it('reports findings on an unguarded bucket (the check runs)', () => {
    const outdir = mkdtempSync(join(scratch, 'nag-control-'));
    const app = new App({ outdir });
    new Bucket(new Stack(app, 'Control'), 'Bare');
    expect(errors(nagViolations(app, outdir)).map((v) => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
  });

  it('leaves no error on the web stack, in dev and in prod', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const { app, outdir } = newStack({ stage });
      const violations = nagViolations(app, outdir);
      expect(errors(violations), `${stage}:\n${describeViolations(violations)}`).toEqual([]);
    }
  });

  it('gives a reason for every acknowledgment, and acknowledges only the rules it means to', () => {
    const acknowledged = dev.app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => [id.replace(/^annotation::/i, ''), reason] as const);
    for (const [id, reason] of acknowledged) expect(reason.trim(), id).not.toBe('');
    const nagRules = acknowledged.map(([id]) => id.replace(/\[.*$/, '')).filter((id) => id.startsWith('AwsSolutions-'));
    expect([...new Set(nagRules)].sort()).toEqual(
      ['CFR1', 'CFR2', 'CFR4', 'IAM4', 'IAM5', 'L1', 'S1'].map((rule) => `AwsSolutions-${rule}`),
    );
  });
});
