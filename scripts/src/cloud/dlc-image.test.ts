import { describe, expect, it } from 'vitest';
import { processorOf, trainingImageUri } from './dlc-image.js';

describe('TensorFlow training DLC', () => {
  it('runs the GPU image on g and p instances, the CPU image elsewhere', () => {
    expect(['ml.g5.xlarge', 'ml.g4dn.xlarge', 'ml.g6e.2xlarge', 'ml.p4d.24xlarge'].map(processorOf)).toEqual([
      'gpu',
      'gpu',
      'gpu',
      'gpu',
    ]);
    expect(['ml.m5.xlarge', 'ml.c5.4xlarge', 'ml.r5.large'].map(processorOf)).toEqual(['cpu', 'cpu', 'cpu']);
  });

  it('gives the published SageMaker tag from the region’s registry', () => {
    expect(trainingImageUri({ region: 'eu-west-1', version: '2.21.0', processor: 'gpu' })).toBe(
      '763104351884.dkr.ecr.eu-west-1.amazonaws.com/tensorflow-training:2.21.0-gpu-py312-cu129-amzn2023-sagemaker',
    );
    expect(trainingImageUri({ region: 'us-east-1', version: '2.21.0', processor: 'cpu' })).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/tensorflow-training:2.21.0-cpu-py312-amzn2023-sagemaker',
    );
    expect(trainingImageUri({ region: 'af-south-1', version: '2.19.0', processor: 'gpu' })).toBe(
      '626614931356.dkr.ecr.af-south-1.amazonaws.com/tensorflow-training:2.19.0-gpu-py312-cu125-ubuntu22.04-sagemaker',
    );
  });

  it('refuses a region or release it does not know, pointing at --image-uri', () => {
    expect(() => trainingImageUri({ region: 'mars-north-1', version: '2.21.0', processor: 'gpu' })).toThrow(
      /no TensorFlow training image known for region mars-north-1 .*--image-uri/,
    );
    expect(() => trainingImageUri({ region: 'eu-west-1', version: '2.9.9', processor: 'gpu' })).toThrow(
      /unknown TensorFlow training DLC release 2\.9\.9 .*--image-uri/,
    );
  });
});
