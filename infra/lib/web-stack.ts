/**
 * The web app's stack: the SPA on S3 behind CloudFront, with /api/* routed to the HTTP API, and the
 * distribution's URL as the `WebUrl` output.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { SpaHosting, type SpaHostingProps } from './constructs/spa-hosting.js';

export type WebStackProps = StackProps & SpaHostingProps;

export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const site = new SpaHosting(this, 'Site', props);
    this.distribution = site.distribution;
    this.bucket = site.bucket;
    new CfnOutput(this, 'WebUrl', {
      description: 'The web app (and the API under /api/)',
      value: `https://${this.distribution.distributionDomainName}`,
    });
  }
}
