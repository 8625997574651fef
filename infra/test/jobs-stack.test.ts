/** The jobs stack, synthesized offline with the rest of the app: the schedule, the ingestion and their grants. */
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppFixture, synthesizeApp } from './support/app-fixture.js';

let app: AppFixture;
let template: Template;

beforeAll(async () => {
  app = await synthesizeApp({ trendingSchedule: 'cron(0 4 * * ? *)' });
  template = Template.fromStack(app.stacks.jobs);
}, 240_000);
afterAll(() => app?.close());

const idOf = (fn: { node: { defaultChild?: unknown } }) =>
  app.stacks.jobs.getLogicalId(fn.node.defaultChild as CfnElement);

function policyStatements(functionId: string) {
  const fn = template.findResources('AWS::Lambda::Function')[functionId]!;
  const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
}

describe('the jobs stack', () => {
  it('runs the Trending refresh on the configured schedule, through a role that may invoke only it', () => {
    const fnId = idOf(app.stacks.jobs.trendingRefresh.function);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 4 * * ? *)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } }),
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('SchedulerRole'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(new Set(statements.map((s) => s.Action))).toEqual(new Set(['lambda:InvokeFunction']));
    for (const s of statements) expect(JSON.stringify(s.Resource)).toContain(fnId);
  });

  it('ingests the export’s embeddings from S3 into its version’s collection during each deploy that changes them', () => {
    const fnId = idOf(app.stacks.jobs.ingest.function);
    const fn = template.findResources('AWS::Lambda::Function')[fnId]!;
    expect(JSON.stringify(fn.Properties.Environment.Variables.EMBEDDINGS_S3_URI)).toMatch(/s3:\/\/.*\.npy/);
    expect(
      Object.keys(fn.Properties.Environment.Variables)
        .filter((k) => k.endsWith('_SECRET_ARN'))
        .sort(),
    ).toEqual(['DATABASE_SECRET_ARN', 'QDRANT_SECRET_ARN']);
    const s3 = policyStatements(fnId).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(s3[0]!.Action).toBe('s3:GetObject');
    expect(JSON.stringify(s3[0]!.Resource)).toMatch(/\.npy"?\]?\]?\}?$/);
    expect(fn.Properties.Environment.Variables.QDRANT_COLLECTION).toMatch(/^movies-[0-9a-f]{12}$/);
    // Synchronous, so the API stack (which waits for this one) switches to a filled collection.
    template.hasResourceProperties('Custom::Trigger', {
      HandlerArn: Match.anyValue(),
      InvocationType: 'RequestResponse',
    });
  });

  it('gives the refresh the database secret only', () => {
    const fnId = idOf(app.stacks.jobs.trendingRefresh.function);
    const actions = policyStatements(fnId).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => !a.startsWith('secretsmanager:'))).toEqual([]);
    const vars = template.findResources('AWS::Lambda::Function')[fnId]!.Properties.Environment.Variables;
    expect(Object.keys(vars).filter((k: string) => k.endsWith('_SECRET_ARN'))).toEqual(['DATABASE_SECRET_ARN']);
  });
});
