/**
 * The project's Python (tf-serving/.venv) as tests use it: to export tiny models and to start the
 * local stand-ins for TF Serving and Qdrant. Missing Python skips those suites locally but fails
 * under CI, where `npm test` creates the venv first.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { PYTHON_ENV, TF_SERVING_DIR, VENV_PYTHON } from '../adapters/python-process/index.js';

export { type PythonServer, startPythonServer, TF_SERVING_DIR, VENV_PYTHON } from '../adapters/python-process/index.js';

/** True when the venv exists; under CI its absence is an error. */
export function pythonPresent(): boolean {
  if (existsSync(VENV_PYTHON)) return true;
  if (process.env.CI) throw new Error(`CI needs ${VENV_PYTHON} (npm test creates it)`);
  return false;
}

/** Suffix for a describe title when the suite is skipped for want of Python. */
export const SKIP_WITHOUT_PYTHON = ' (skipped: tf-serving/.venv missing; run npm run cli -- python setup)';

/** Runs a Python snippet with the venv's interpreter in tf-serving/; returns its stdout. */
export async function runPython(script: string, args: string[] = [], timeoutMs = 170_000): Promise<string> {
  const { stdout } = await promisify(execFile)(VENV_PYTHON, ['-c', script, ...args], {
    cwd: TF_SERVING_DIR,
    env: PYTHON_ENV,
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}
