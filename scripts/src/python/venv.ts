/**
 * The Python environment of tf-serving/: a virtualenv with the pinned requirements, recreated only
 * when they change (a stamp holds their hash). PyTorch, needed only by the sentence encoder, comes
 * from PyTorch's CPU index (TORCH_INDEX_URL) so that no multi-GB GPU build is pulled in; an empty
 * TORCH_INDEX_URL installs it from pip's configured sources instead.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '@movierec/functions/core';
import { config, REPO_ROOT } from '../cli/context.js';

export const TF_SERVING_DIR = join(REPO_ROOT, 'tf-serving');
const VENV = join(TF_SERVING_DIR, '.venv');
const STAMP = join(VENV, '.movierec-requirements.sha256');
export const VENV_PYTHON = join(VENV, 'bin', 'python');
export const TORCH_VERSION = '2.13.0';

export interface PythonSetup {
  executable: string;
  torchIndexUrl: string;
}

/** Runs a command with inherited output (pip's progress shows); rejects naming it on failure. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      cwd: options.cwd,
      env: options.env ?? process.env,
    });
    child.on('error', (error) => reject(new CodedError('unavailable', `${command}: ${error.message}`)));
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new CodedError(
              'unavailable',
              `${command} ${args.slice(0, 3).join(' ')} failed (${signal ?? `exit ${code}`})`,
            ),
          ),
    );
  });
}

function torchInstallArgs(setup: PythonSetup): string[] {
  const base = ['-m', 'pip', 'install', '--disable-pip-version-check', `torch==${TORCH_VERSION}`];
  // The CPU index holds torch itself; its dependencies come from PyPI.
  return setup.torchIndexUrl
    ? [...base, '--index-url', setup.torchIndexUrl, '--extra-index-url', 'https://pypi.org/simple']
    : base;
}

async function requirementsHash(setup: PythonSetup): Promise<string> {
  const requirements = await readFile(join(TF_SERVING_DIR, 'requirements.txt'), 'utf8');
  return createHash('sha256').update(`${requirements}\ntorch==${TORCH_VERSION} ${setup.torchIndexUrl}`).digest('hex');
}

/** Creates or updates the virtualenv when the requirements changed; returns whether it installed. */
export async function ensurePythonEnv(
  setup: PythonSetup = config().python,
  log: (m: string) => void = () => undefined,
): Promise<boolean> {
  const hash = await requirementsHash(setup);
  if (existsSync(STAMP) && (await readFile(STAMP, 'utf8')).trim() === hash) return false;
  log(`Setting up the Python environment in ${VENV} (TensorFlow, PyTorch CPU, sentence encoder)…`);
  if (!existsSync(VENV_PYTHON)) await run(setup.executable, ['-m', 'venv', VENV]);
  await run(VENV_PYTHON, torchInstallArgs(setup));
  await run(VENV_PYTHON, [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '-r',
    join(TF_SERVING_DIR, 'requirements.txt'),
  ]);
  await writeFile(STAMP, `${hash}\n`);
  return true;
}
