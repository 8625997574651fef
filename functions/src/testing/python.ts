/**
 * The project's Python (tf-serving/.venv) as tests use it: to export tiny models and to start the
 * local stand-ins for TF Serving and Qdrant. Missing Python skips those suites locally but fails
 * under CI, where `npm test` creates the venv first.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const TF_SERVING_DIR = fileURLToPath(new URL('../../../tf-serving/', import.meta.url));
export const VENV_PYTHON = `${TF_SERVING_DIR}.venv/bin/python`;
// TensorFlow's C++ start-up chatter would drown the test output.
const PYTHON_ENV = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', PYTHONUNBUFFERED: '1' };

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

export interface PythonServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `python -m <module> <args>` in tf-serving/. The server must print `LISTENING <port>` on
 * stdout once it accepts connections (pass `--port 0` so the OS picks a free port).
 */
export async function startPythonServer(
  module: string,
  args: string[],
  readyTimeoutMs = 60_000,
): Promise<PythonServer> {
  const child = spawn(VENV_PYTHON, ['-m', module, ...args], {
    cwd: TF_SERVING_DIR,
    env: PYTHON_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${module} did not start within ${readyTimeoutMs} ms`)),
      readyTimeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stderr}`));
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^LISTENING (\d+)$/.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.once('exit', (code) => fail(new Error(`${module} exited with code ${code} before listening`)));
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
