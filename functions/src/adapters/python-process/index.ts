/**
 * A Python module of tf-serving/ run as a local server with the project's venv (tf-serving/.venv):
 * the TF Serving and Qdrant stand-ins, for machines where neither service runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const TF_SERVING_DIR = fileURLToPath(new URL('../../../../tf-serving/', import.meta.url));
export const VENV_PYTHON = `${TF_SERVING_DIR}.venv/bin/python`;
// TensorFlow's C++ start-up chatter would drown the output.
export const PYTHON_ENV = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', PYTHONUNBUFFERED: '1' };

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
