/**
 * The local TF Serving stand-in (tf-serving/standins/tf_serving_server.py) for tests: it serves an
 * export's models/ folder through its models.config, as the Docker recipe does.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoldenExample } from '../../../core/recommendations/user-encoder.contract.js';
import { type PythonServer, startPythonServer } from '../../../testing/python.js';
import { exportTinyModel, type TinyModel } from '../../../testing/tiny-model.js';
import { loadInProcessUserEncoder } from '../../in-process-encoder/user-tower.js';

/** Starts the stand-in on a free port, serving every model of `modelsDir/models.config`. */
export function startTfServingStandin(modelsDir: string): Promise<PythonServer> {
  const args = ['--port', '0', '--model_config_file', `${modelsDir}/models.config`, '--models_dir', modelsDir];
  return startPythonServer('standins.tf_serving_server', args);
}

export interface ServedTinyModel {
  model: TinyModel;
  server: PythonServer;
  /** The export's user_tower_examples.json. */
  examples: GoldenExample[];
  /** Stops the server and deletes the export. */
  close(): Promise<void>;
}

/** Exports the tiny model to a temporary folder and serves it with the stand-in. */
export async function serveTinyModel(): Promise<ServedTinyModel> {
  const dir = await mkdtemp(join(tmpdir(), 'tf-serving-'));
  try {
    const model = await exportTinyModel(dir);
    const server = await startTfServingStandin(model.modelsDir);
    const examples = await readGoldenExamples(model.exportDir);
    return {
      model,
      server,
      examples,
      close: async () => {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function readGoldenExamples(exportDir: string): Promise<GoldenExample[]> {
  return JSON.parse(await readFile(`${exportDir}/user_tower_examples.json`, 'utf-8')) as GoldenExample[];
}

/** What the contract needs to know of the export a real service serves (MODEL_DIR). */
export async function describeExport(exportDir: string): Promise<{ historyLength: number; examples: GoldenExample[] }> {
  const { historyLength } = await loadInProcessUserEncoder(`${exportDir}/user_tower.safetensors`);
  return { historyLength, examples: await readGoldenExamples(exportDir) };
}
