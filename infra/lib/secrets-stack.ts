/**
 * The credentials of the managed services outside AWS, in Secrets Manager: the Neon connection
 * string, the Qdrant Cloud URL and API key, the TMDB key. The stack creates each secret with an
 * empty placeholder (nothing secret in the template); you put the values in once
 * (docs/deployment.md), and each function reads only the secrets it needs, once per container.
 */
import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Stage } from './config.js';

export interface SecretsStackProps extends StackProps {
  stage: Stage;
}

/** Each secret's JSON fields, as functions/src/composition/secret-env.ts reads them. */
const SECRETS = {
  database: { fields: ['url'], description: 'Neon connection string: {"url": "postgresql://…"}' },
  qdrant: { fields: ['url', 'apiKey'], description: 'Qdrant Cloud cluster: {"url": "https://…", "apiKey": "…"}' },
  tmdb: { fields: ['apiKey'], description: 'TMDB API key (optional): {"apiKey": "…"}' },
} as const;

export type SecretName = keyof typeof SECRETS;

export class SecretsStack extends Stack {
  readonly secrets: Record<SecretName, Secret>;

  constructor(scope: Construct, id: string, props: SecretsStackProps) {
    super(scope, id, props);
    const names = Object.keys(SECRETS) as SecretName[];
    this.secrets = Object.fromEntries(names.map((name) => [name, this.placeholder(name, props.stage)])) as Record<
      SecretName,
      Secret
    >;
  }

  private placeholder(name: SecretName, stage: Stage): Secret {
    const { fields, description } = SECRETS[name];
    const secret = new Secret(this, `${name[0]!.toUpperCase()}${name.slice(1)}`, {
      secretName: `movierec/${stage}/${name}`,
      description,
      // Empty fields: the functions read them as "not set" until the real values are put in.
      generateSecretString: {
        secretStringTemplate: JSON.stringify(Object.fromEntries(fields.map((f) => [f, '']))),
        generateStringKey: 'placeholder',
      },
      removalPolicy: stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The credential is issued by a service outside AWS (Neon, Qdrant Cloud, TMDB): it is rotated there and put here with put-secret-value; a rotation Lambda could not rotate it.',
    });
    return secret;
  }
}
