/**
 * What every deployed function shares about access: the secrets it may read reach it as
 * `<NAME>_SECRET_ARN` variables (functions/src/composition/secret-env.ts), and the one managed
 * policy CDK gives a function is acknowledged for cdk-nag with the reason.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { SecretName } from './secrets-stack.js';

export const secretEnvironment = (secrets: Record<SecretName, ISecret>, names: SecretName[]) =>
  Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_SECRET_ARN`, secrets[name].secretArn]));

const MANAGED_POLICY_REASONS: Record<string, string> = {
  AWSLambdaBasicExecutionRole: 'AWS-managed minimal Lambda policy: writing the function’s own CloudWatch logs only.',
  AWSLambdaVPCAccessExecutionRole:
    'AWS-managed policy a function in a VPC needs to create its network interfaces (user tower on ECS).',
};

export function acknowledgeLambdaBasics(fn: IFunction): void {
  const partition = Stack.of(fn).partition === 'aws' ? 'aws' : '<AWS::Partition>';
  for (const [policy, reason] of Object.entries(MANAGED_POLICY_REASONS))
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM4[Policy::arn:${partition}:iam::aws:policy/service-role/${policy}]`,
      reason,
    });
}
