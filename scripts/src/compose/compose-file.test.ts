/**
 * docker-compose.yml, the full local mirror, cannot be run here: this machine has no Docker engine,
 * and neither has CI. So it is checked offline: against the Compose specification's JSON schema (the
 * copy dclint bundles); for images pinned in it and in the Dockerfiles it builds; for variables that
 * .env.example documents; for dependencies that exist, are healthy when waited for and keep the
 * `prepare` → `up` order; and for an environment that the app's own config accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '@movierec/functions/config';
import { REPO_ROOT } from '../cli/context.js';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

interface Build {
  context: string;
  dockerfile?: string;
  target?: string;
  additional_contexts?: Record<string, string>;
  args?: Record<string, string>;
}

interface Service {
  image?: string;
  build?: Build;
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  profiles?: string[];
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// The spec's schema is written for validators at large: union types and untyped pattern properties
// are fine there but not in ajv's strict mode (dclint compiles it with the same options).
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });

const spec = JSON.parse(read('node_modules/dclint/schemas/compose.schema.json')) as Record<string, unknown>;
const { $schema: specDraft, ...specSchema } = spec;
const matchesSpec = ajv.compile(specSchema);

/** The long forms this file keeps to (the spec also allows lists and strings), which the checks read. */
const usesLongForms = ajv.compile<ComposeFile>({
  type: 'object',
  required: ['services'],
  properties: {
    services: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          build: { type: 'object', required: ['context'] },
          depends_on: { type: 'object', additionalProperties: { type: 'object', required: ['condition'] } },
          environment: { type: 'object', additionalProperties: { type: 'string' } },
          volumes: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
});

const composeDocument: unknown = parse(read('docker-compose.yml'), { merge: true });

function loadCompose(): ComposeFile {
  if (!usesLongForms(composeDocument)) throw new Error(`docker-compose.yml: ${ajv.errorsText(usesLongForms.errors)}`);
  return composeDocument;
}

const compose = loadCompose();

function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}

// --- Interpolation ------------------------------------------------------------------------------

/** `$$` (a literal dollar), `${NAME}`, `${NAME:-default}`, `${NAME-default}`, … and `$NAME`. */
const REFERENCE = /\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-+?])([^}]*))?\}|([A-Za-z_]\w*))/g;

/** Compose's interpolation, for the forms this file uses, over the given variables. */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(
    REFERENCE,
    (_match, dollar?: string, braced?: string, operator?: string, fallback?: string, bare?: string) => {
      if (dollar) return '$';
      const value = variables[braced ?? bare ?? ''];
      if (operator === ':-') return value || (fallback ?? '');
      if (operator === '-') return value ?? fallback ?? '';
      return value ?? '';
    },
  );
}

/** Every string value of a parsed document (what Compose interpolates). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

function variablesOf(document: unknown): Set<string> {
  const names = stringsOf(document).flatMap((text) =>
    [...text.matchAll(REFERENCE)].map((match) => match[2] ?? match[5]).filter((name) => name !== undefined),
  );
  return new Set(names);
}

/** Values with a `$` that is not part of a reference, which Compose rejects ("invalid template"). */
const strayDollars = (document: unknown) =>
  stringsOf(document).filter((text) => text.replace(REFERENCE, '').includes('$'));

/** The variables .env.example names, set or commented out. */
function documentedVariables(): Set<string> {
  return new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? ''));
}

const undocumented = (names: Iterable<string>, documented: Set<string>) =>
  [...names].filter((name) => !documented.has(name));

/** A service's environment as its container gets it with nothing set on the host. */
const environmentOf = (name: string) =>
  Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, interpolate(value, {})]),
  );

// --- Images and Dockerfiles ---------------------------------------------------------------------

/** Pinned: a digest, or a tag other than `latest` (a registry's port sits before the last `/`). */
function isPinned(reference: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(reference)) return true;
  const tag = (reference.split('/').at(-1) ?? '').split(':')[1];
  return tag !== undefined && tag !== '' && tag !== 'latest' && !tag.includes('$');
}

interface Stage {
  base: string;
  name: string | undefined;
  instructions: string[];
}

function dockerfileStages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) stages.push({ base: from[1] ?? '', name: from[2], instructions: [] });
    else stages.at(-1)?.instructions.push(line);
  }
  return stages;
}

/** Unpinned bases, and `COPY --from` sources that are neither a stage, a named context nor pinned. */
function dockerfileProblems(text: string, namedContexts: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const stages = new Set<string>();
  for (const stage of dockerfileStages(text)) {
    if (!stages.has(stage.base) && !isPinned(stage.base)) problems.push(`FROM ${stage.base} is not pinned`);
    for (const instruction of stage.instructions) {
      const source = /^COPY\s+.*--from=(\S+)/i.exec(instruction)?.[1];
      if (source && !stages.has(source) && !namedContexts.has(source) && !isPinned(source))
        problems.push(`COPY --from=${source} names no stage, build context or pinned image`);
    }
    if (stage.name) stages.add(stage.name);
  }
  return problems;
}

const dockerfilePath = (build: Build) => join(build.context, build.dockerfile ?? 'Dockerfile');

/** The target stage (the last one by default) and the stages it is built on. */
function stageChain(build: Build): Stage[] {
  const stages = dockerfileStages(read(dockerfilePath(build)));
  const chain: Stage[] = [];
  let stage = build.target ? stages.find((s) => s.name === build.target) : stages.at(-1);
  while (stage) {
    chain.push(stage);
    const base = stage.base;
    stage = stages.find((s) => s.name === base);
  }
  return chain;
}

/** In the compose file, or in the Dockerfile it builds (a pulled image's own is not known offline). */
function hasHealthcheck(target: Service): boolean {
  if (target.healthcheck) return true;
  if (!target.build) return false;
  return stageChain(target.build).some((stage) => stage.instructions.some((i) => /^HEALTHCHECK\s+(?!NONE)/i.test(i)));
}

// --- Dependencies -------------------------------------------------------------------------------

function dependencyProblems(file: ComposeFile): string[] {
  return Object.entries(file.services).flatMap(([name, dependent]) =>
    Object.entries(dependent.depends_on ?? {}).flatMap(([dependencyName, { condition }]) => {
      const dependency = file.services[dependencyName];
      if (!dependency) return [`${name} depends on ${dependencyName}, which is no service`];
      const problems: string[] = [];
      if (condition === 'service_healthy' && !hasHealthcheck(dependency))
        problems.push(`${name} waits for ${dependencyName} to be healthy, which has no healthcheck`);
      if (dependency.profiles && !dependent.profiles)
        problems.push(`${name} starts with \`up\`, ${dependencyName} only with a profile`);
      return problems;
    }),
  );
}

function dependenciesOf(name: string, seen = new Set<string>()): Set<string> {
  for (const dependency of Object.keys(service(name).depends_on ?? {})) {
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    dependenciesOf(dependency, seen);
  }
  return seen;
}

const withService = (file: ComposeFile, name: string, changes: Record<string, unknown>) => ({
  ...file,
  services: { ...file.services, [name]: { ...file.services[name], ...changes } },
});

const DATA_MOUNT_TARGET = '/app/.data';

/** The host folder a service mounts as the app's data folder (DATA_DIR). */
function dataMountSource(name: string): string | undefined {
  const mounts = (service(name).volumes ?? []).map((volume) => interpolate(volume, {}).split(':'));
  return mounts.find(([, target]) => target === DATA_MOUNT_TARGET)?.[0];
}

// --- Tests --------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  describe('against the Compose specification schema', () => {
    it('is the draft-07 schema that ajv validates by default', () => {
      expect(specDraft).toMatch(/json-schema\.org\/draft-07\/schema/);
    });

    it('is valid', () => {
      const valid = matchesSpec(composeDocument);
      expect(matchesSpec.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it.each([
      ['an unknown depends_on condition', 'api', { depends_on: { qdrant: { condition: 'healthy' } } }],
      ['ports as one string', 'postgres', { ports: '5432:5432' }],
      ['a misspelt key', 'qdrant', { imagee: 'qdrant/qdrant:v1.18.2' }],
    ])('rejects a copy with %s', (_case, name, changes) => {
      expect(matchesSpec(withService(compose, name, changes))).toBe(false);
      expect(matchesSpec.errors?.map((error) => error.instancePath)).toContainEqual(
        expect.stringMatching(new RegExp(`^/services/${name}`)),
      );
    });
  });

  describe('images', () => {
    it('pins every image it pulls, and builds every other one', () => {
      for (const [name, { image, build }] of Object.entries(compose.services)) {
        expect(image ?? build, name).toBeDefined();
        if (image) expect(isPinned(image), `${name}: ${image}`).toBe(true);
      }
    });

    it('reads a missing, empty or `latest` tag as unpinned and a digest as pinned', () => {
      expect(['redis', 'redis:latest', 'redis:', 'localhost:5000/redis', 'redis:${TAG}'].map(isPinned)).toEqual([
        false,
        false,
        false,
        false,
        false,
      ]);
      expect(isPinned('qdrant/qdrant:v1.18.2')).toBe(true);
      expect(isPinned(`ghcr.io/neondatabase/wsproxy@sha256:${'0'.repeat(64)}`)).toBe(true);
    });

    it('builds from Dockerfiles whose bases are pinned and whose COPY --from sources exist', () => {
      for (const { build } of Object.values(compose.services)) {
        if (!build) continue;
        const contexts = new Set(Object.keys(build.additional_contexts ?? {}));
        expect(dockerfileProblems(read(dockerfilePath(build)), contexts), dockerfilePath(build)).toEqual([]);
        expect(stageChain(build).length, `${dockerfilePath(build)} target ${build.target}`).toBeGreaterThan(0);
      }
    });

    it('finds an unpinned base and an unknown COPY --from source', () => {
      const dockerfile = 'FROM node AS app\nFROM app\nCOPY --from=app /a /a\nCOPY --from=model models/ /models/\n';
      expect(dockerfileProblems(dockerfile, new Set())).toEqual([
        'FROM node is not pinned',
        'COPY --from=model names no stage, build context or pinned image',
      ]);
      expect(dockerfileProblems(dockerfile.replace('node', 'node:22.23.2'), new Set(['model']))).toEqual([]);
    });

    it('installs the API image from every workspace manifest before copying the sources', () => {
      const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
      const [app] = dockerfileStages(read('docker/api.Dockerfile'));
      const instructions = app?.instructions ?? [];
      const install = instructions.findIndex((instruction) => /^RUN npm ci\b/.test(instruction));
      expect(install).toBeGreaterThan(0);
      for (const workspace of workspaces) {
        const copy = instructions.indexOf(`COPY ${workspace}/package.json ${workspace}/`);
        expect(copy, workspace).toBeGreaterThanOrEqual(0);
        expect(copy, workspace).toBeLessThan(install);
      }
    });
  });

  describe('variables', () => {
    it('interpolates only variables that .env.example documents', () => {
      expect(variablesOf(composeDocument).size).toBeGreaterThan(0);
      expect(undocumented(variablesOf(composeDocument), documentedVariables())).toEqual([]);
    });

    it('gives the app only variables that .env.example documents', () => {
      const app = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'docker/api.Dockerfile');
      expect(app.map(([name]) => name)).toEqual(['api', 'prepare']);
      const given = app.flatMap(([, s]) => Object.keys(s.environment ?? {}));
      expect(undocumented(given, documentedVariables())).toEqual([]);
    });

    it('finds a variable .env.example does not document', () => {
      const document = {
        services: { web: { image: 'nginx:${NGINX_VERSION}', environment: { A: '$$B ${LOG_LEVEL}' } } },
      };
      expect([...variablesOf(document)]).toEqual(['NGINX_VERSION', 'LOG_LEVEL']);
      expect(undocumented(variablesOf(document), documentedVariables())).toEqual(['NGINX_VERSION']);
    });

    it('escapes every literal dollar', () => {
      expect(strayDollars(composeDocument)).toEqual([]);
      expect(strayDollars({ regex: '^postgres:5432$', escaped: '^postgres:5432$$' })).toEqual(['^postgres:5432$']);
    });

    it('interpolates defaults as Compose does', () => {
      // B is set (empty), so `-` keeps it where `:-` would not.
      expect(interpolate('${A:-x}|${B-y}|${B:-y}|${C}|$$D|$E', { B: '', E: 'e' })).toBe('x||y||$D|e');
      expect(interpolate('${A:-x}', { A: 'set' })).toBe('set');
    });
  });

  describe('dependencies', () => {
    it('names defined services, with healthchecks where it waits for health', () => {
      expect(dependencyProblems(compose)).toEqual([]);
    });

    it('finds an unknown service, a health wait without a healthcheck and a profile-only dependency', () => {
      const broken = withService(compose, 'api', {
        depends_on: {
          database: { condition: 'service_started' },
          'tf-serving': { condition: 'service_healthy' },
          prepare: { condition: 'service_completed_successfully' },
        },
      });
      const withoutHealth = withService(broken, 'tf-serving', { build: undefined, image: 'tensorflow/serving:2.21.0' });
      expect(dependencyProblems(withoutHealth)).toEqual([
        'api depends on database, which is no service',
        'api waits for tf-serving to be healthy, which has no healthcheck',
        'api starts with `up`, prepare only with a profile',
      ]);
    });

    it('prepares without TF Serving, which is built from the model prepare exports, and serves with it', () => {
      expect(service('prepare').profiles).toEqual(['tools']);
      expect([...dependenciesOf('prepare')].sort()).toEqual(['neon-ws-proxy', 'postgres', 'qdrant']);
      expect(service('api').depends_on?.['tf-serving']?.condition).toBe('service_healthy');
    });

    it('declares every named volume it mounts', () => {
      const named = Object.values(compose.services)
        .flatMap((s) => s.volumes ?? [])
        .map((volume) => interpolate(volume, {}).split(':')[0] ?? '')
        .filter((source) => !/^[./~]/.test(source));
      expect(named.length).toBeGreaterThan(0);
      for (const volume of named) expect(compose.volumes, volume).toHaveProperty(volume);
    });
  });

  describe('the app on these services', () => {
    it('uses the Neon driver through the proxy, which may reach exactly the database', () => {
      const { database } = loadConfig(environmentOf('api'));
      expect(database.driver).toBe('neon');
      const url = new URL(database.url ?? '');
      const proxy = environmentOf('neon-ws-proxy');
      // The driver asks for /v1?address=<host>:<port>; APPEND_PORT would be appended to that.
      expect(new RegExp(proxy.ALLOW_ADDR_REGEX ?? '').test(`${url.hostname}:${url.port}`)).toBe(true);
      expect(new RegExp(proxy.ALLOW_ADDR_REGEX ?? '').test('example.com:5432')).toBe(false);
      expect(proxy).not.toHaveProperty('APPEND_PORT');
      // wsproxy listens on :80 unless LISTEN_PORT says otherwise.
      expect(database.neonWsProxy).toBe('neon-ws-proxy:80');
      expect(compose.services).toHaveProperty(url.hostname);
    });

    it('reaches Qdrant and TF Serving by their service names', () => {
      const { vectorIndex, encoder, server } = loadConfig(environmentOf('api'));
      expect(service(new URL(vectorIndex.qdrantUrl ?? '').hostname).image).toMatch(/^qdrant\//);
      expect(service(new URL(encoder.tfServingUrl ?? '').hostname).build?.context).toBe('./tf-serving');
      expect(server.port).toBe(8000);
      expect(service('api').environment).not.toHaveProperty('SAGEMAKER_ENDPOINT');
    });

    it('shares one data folder: prepare writes it, the API reads it, TF Serving is built from its model', () => {
      const source = dataMountSource('prepare');
      expect(source).toBeDefined();
      expect(dataMountSource('api')).toBe(source);
      expect(service('api').volumes?.map((v) => interpolate(v, {}))).toContain(`${source}:${DATA_MOUNT_TARGET}:ro`);
      const { modelDir, dataDir } = loadConfig(environmentOf('prepare'));
      expect(dataDir).toBe(DATA_MOUNT_TARGET);
      const model = interpolate(service('tf-serving').build?.additional_contexts?.model ?? '', {});
      expect(`${DATA_MOUNT_TARGET}/${model.slice(`${source}/`.length)}`).toBe(modelDir);
      expect(model.startsWith(`${source}/`)).toBe(true);
    });

    it('keeps the Python environment built into the prepare image', () => {
      const buildArg = interpolate(service('prepare').build?.args?.TORCH_INDEX_URL ?? '', {});
      expect(buildArg).toBe('https://download.pytorch.org/whl/cpu');
      expect(loadConfig(environmentOf('prepare')).python.torchIndexUrl).toBe(buildArg);
    });
  });
});
