import { describe, expect, it } from 'vitest';
import { CodedError } from '../../core/errors.js';
import {
  checkHistoryLength,
  parseUserTowerPredictResponse,
  tfServingErrorMessage,
  userTowerPredictBody,
} from './user-tower-predict.js';

const movies = (...pairs: [number, number][]) => pairs.map(([movieId, rating]) => ({ movieId, rating }));

describe('userTowerPredictBody', () => {
  it('keeps the last historyLength ratings, right-aligned with id-0 padding to the longest window', () => {
    const body = JSON.parse(userTowerPredictBody([movies([1, 5], [2, 4], [3, 3.5], [4, 0.5]), movies([7, 2]), []], 3));
    expect(body).toEqual({
      signature_name: 'serving_default',
      inputs: {
        history_movie_ids: [
          [2, 3, 4],
          [0, 0, 7],
          [0, 0, 0],
        ],
        history_ratings: [
          [4, 3.5, 0.5],
          [0, 0, 2],
          [0, 0, 0],
        ],
      },
    });
  });

  it('sends one padding column when every history is empty', () => {
    expect(JSON.parse(userTowerPredictBody([[], []], 50)).inputs).toEqual({
      history_movie_ids: [[0], [0]],
      history_ratings: [[0], [0]],
    });
  });

  it('refuses ratings that are not numbers and ids that are not integers, inside the window', () => {
    expect(() => userTowerPredictBody([movies([1, 4]), movies([2, Number.NaN])], 5)).toThrow(
      new CodedError('invalid_input', 'history 1: rating of movie 2 is not a number: NaN'),
    );
    expect(() => userTowerPredictBody([movies([1.5, 4])], 5)).toThrow('history 0: movie id 1.5 is not an integer');
    expect(() => userTowerPredictBody([movies([2, Number.NaN], [1, 4])], 1)).not.toThrow(); // outside the window: never sent
  });

  it('needs a positive integer history length', () => {
    expect(checkHistoryLength(8)).toBe(8);
    for (const bad of [0, -1, 2.5, Number.NaN])
      expect(() => checkHistoryLength(bad)).toThrow(/historyLength must be a positive integer/);
  });
});

describe('parseUserTowerPredictResponse', () => {
  it('reads the bare outputs of a one-output signature, and named ones', () => {
    const rows = [
      [0.6, 0.8],
      [1, 0],
    ];
    expect(parseUserTowerPredictResponse(JSON.stringify({ outputs: rows }), 2, 'tf-serving')).toEqual([
      Float32Array.of(0.6, 0.8),
      Float32Array.of(1, 0),
    ]);
    expect(
      parseUserTowerPredictResponse(JSON.stringify({ outputs: { embedding: rows, other: [1, 2] } }), 2, 'tf-serving'),
    ).toHaveLength(2);
  });

  it.each([
    ['not JSON', '<html>', 'sagemaker: the answer is not JSON: <html>'],
    ['the row format', JSON.stringify({ predictions: [[1]] }), 'sagemaker: unexpected predict response'],
    ['strings', JSON.stringify({ outputs: [['a']] }), 'sagemaker: unexpected predict response'],
    [
      'too few rows',
      JSON.stringify({ outputs: [[1, 0]] }),
      'sagemaker: expected 2 embeddings of one size, got 1 of size(s) [2]',
    ],
    [
      'ragged rows',
      JSON.stringify({ outputs: [[1, 0], [1]] }),
      'sagemaker: expected 2 embeddings of one size, got 2 of size(s) [2, 1]',
    ],
  ])('refuses %s as unavailable', (_, body, message) => {
    const call = () => parseUserTowerPredictResponse(body, 2, 'sagemaker');
    expect(call).toThrow(CodedError);
    expect(call).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringContaining(message) }));
  });
});

describe('tfServingErrorMessage', () => {
  it("reads TF Serving's error body, else shows the start of the raw one", () => {
    expect(tfServingErrorMessage('{ "error": "Servable not found for request: Latest(half)" }')).toBe(
      'Servable not found for request: Latest(half)',
    );
    expect(tfServingErrorMessage('Bad Gateway')).toBe('Bad Gateway');
    expect(tfServingErrorMessage('')).toBe('(empty body)');
  });
});
