/**
 * The AWS Deep Learning Container (DLC) for TensorFlow training that runs `cloud train`, by region,
 * release and processor. The tags are the published SageMaker ones (aws/deep-learning-containers
 * release notes: 2.21 moved to Amazon Linux 2023 and Python 3.12, CUDA 12.9; 2.19 was the last on
 * Ubuntu 22.04); the registry accounts are the DLC table's (available_images.md).
 */
import { CodedError } from '@movierec/functions/core';

export type Processor = 'gpu' | 'cpu';

/** The DLC registry account of each region (the common ones; others need --image-uri). */
const REGISTRY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '763104351884',
  'us-east-2': '763104351884',
  'us-west-1': '763104351884',
  'us-west-2': '763104351884',
  'ca-central-1': '763104351884',
  'sa-east-1': '763104351884',
  'eu-west-1': '763104351884',
  'eu-west-2': '763104351884',
  'eu-west-3': '763104351884',
  'eu-central-1': '763104351884',
  'eu-north-1': '763104351884',
  'eu-south-1': '692866216735',
  'ap-south-1': '763104351884',
  'ap-northeast-1': '763104351884',
  'ap-northeast-2': '763104351884',
  'ap-northeast-3': '364406365360',
  'ap-southeast-1': '763104351884',
  'ap-southeast-2': '763104351884',
  'ap-southeast-3': '907027046896',
  'ap-east-1': '871362719292',
  'af-south-1': '626614931356',
  'me-south-1': '217643126080',
  'me-central-1': '914824155844',
};

/** What follows `<version>-<processor>-` in each release's SageMaker tag. */
const RELEASE_TAGS: Readonly<Record<string, Record<Processor, string>>> = {
  '2.21.0': { gpu: 'py312-cu129-amzn2023-sagemaker', cpu: 'py312-amzn2023-sagemaker' },
  '2.19.0': { gpu: 'py312-cu125-ubuntu22.04-sagemaker', cpu: 'py312-ubuntu22.04-sagemaker' },
};

export const DLC_RELEASES = Object.keys(RELEASE_TAGS);
export const DLC_REGIONS = Object.keys(REGISTRY_ACCOUNTS);

/** GPU instance families (g4dn, g5, g6, g6e, p3, p4d, p5…); everything else runs the CPU image. */
export function processorOf(instanceType: string): Processor {
  return /^ml\.[gp]\d/.test(instanceType) ? 'gpu' : 'cpu';
}

export interface ImageChoice {
  region: string;
  version: string;
  processor: Processor;
}

/** `<account>.dkr.ecr.<region>.amazonaws.com/tensorflow-training:<tag>`; fails naming what is unknown. */
export function trainingImageUri({ region, version, processor }: ImageChoice): string {
  const account = REGISTRY_ACCOUNTS[region];
  if (!account)
    throw new CodedError(
      'invalid_input',
      `no TensorFlow training image known for region ${region} (known: ${DLC_REGIONS.join(', ')}): pass --image-uri`,
    );
  const suffix = RELEASE_TAGS[version]?.[processor];
  if (!suffix)
    throw new CodedError(
      'invalid_input',
      `unknown TensorFlow training DLC release ${version} (known: ${DLC_RELEASES.join(', ')}): pass --image-uri`,
    );
  return `${account}.dkr.ecr.${region}.amazonaws.com/tensorflow-training:${version}-${processor}-${suffix}`;
}
