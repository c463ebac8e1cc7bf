// Static checks of docker-compose.yml and the Dockerfiles it builds, for machines without a
// Docker engine: `bash scripts/run.sh node scripts/check-compose.mjs`. Prints one line per check
// and exits 1 if any fails. It reads files only; it never runs Docker.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMPOSE_FILE = 'docker-compose.yml';
const ENV_EXAMPLE = '.env.example';
const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
// Build outputs do not exist before a build, so a COPY of one is checked through its source.
// SWC mirrors the source tree under dist/node (see the build targets in apps/*/project.json).
const BUILD_OUTPUTS = [
  [/^dist\/node\/(.+)\.js$/, (match) => `${match[1]}.ts`],
  [/^dist\/workflow-bundle\.js$/, () => 'libs/workflows/src/workflows.ts'],
  [/^dist\/apps\/([\w-]+)\/browser$/, (match) => `apps/${match[1]}/src/main.ts`],
];

let failureCount = 0;
let checkCount = 0;

function check(label, isOk, problem = 'missing') {
  checkCount += 1;
  if (!isOk) failureCount += 1;
  console.log(isOk ? `ok   ${label}` : `FAIL ${label}: ${problem}`);
}

// For checks whose failure is a list of offenders: passes when the list is empty.
function checkNone(label, offenders) {
  check(label, offenders.length === 0, offenders.join(', '));
}

const exists = (path) => existsSync(join(root, path));
const isDirectory = (path) => exists(path) && statSync(join(root, path)).isDirectory();
const isFile = (path) => exists(path) && statSync(join(root, path)).isFile();
const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const namesOf = (value) => (Array.isArray(value) ? value : Object.keys(value ?? {}));

function stringsIn(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

// --- Compose variables ---------------------------------------------------------------------

const VARIABLE =
  /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function variableReferences(text) {
  return [...text.matchAll(VARIABLE)]
    .filter((match) => match[0] !== '$$')
    .map((match) => ({ name: match[1] ?? match[4], operator: match[2], argument: match[3] }));
}

function documentedVariables() {
  if (!isFile(ENV_EXAMPLE)) return new Map();
  const lines = readFileSync(join(root, ENV_EXAMPLE), 'utf8').split('\n');
  const entries = lines.map((line) => /^\s*#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line));

  return new Map(entries.filter(Boolean).map((match) => [match[1], match[2].trim()]));
}

// Resolves variables the way compose would with an empty environment: defaults apply, and
// required ones take their example value, so paths and tags can be checked.
function interpolate(text, documented) {
  return text.replace(VARIABLE, (whole, braced, operator, argument, bare) => {
    const value = documented.get(braced ?? bare) ?? '';
    if (whole === '$$') return '$';
    if (operator === ':-' || operator === '-') return argument;
    if (operator === ':+' || operator === '+') return value ? argument : '';

    return value;
  });
}

// --- .dockerignore (moby patternmatcher semantics: last match wins, parents count) --------------

function globToRegExp(pattern) {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (char === '*' && pattern[index + 1] === '*') {
      const wholeSegment = pattern[index + 2] === '/';
      source += wholeSegment ? '(?:.*/)?' : '.*';
      index += wholeSegment ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[' && pattern.indexOf(']', index) > index) {
      const end = pattern.indexOf(']', index);
      source += pattern.slice(index, end + 1);
      index = end;
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }

  return new RegExp(`^${source}$`);
}

function dockerIgnore(context) {
  const file = join(context, '.dockerignore');
  if (!isFile(file)) return () => false;
  const rules = readFileSync(join(root, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = posix.normalize((negated ? line.slice(1) : line).replace(/^\/+/, ''));
      return { negated, regExp: globToRegExp(pattern) };
    });

  return (path) => {
    const segments = posix.normalize(path).split('/');
    const candidates = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
    let ignored = false;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.regExp.test(candidate))) ignored = !rule.negated;
    }

    return ignored;
  };
}

// --- Dockerfiles ---------------------------------------------------------------------------

// Comment lines go first, as Docker drops them even inside a continued instruction.
function instructionsOf(text) {
  const lines = text.split(/\r?\n/).filter((line) => !line.trim().startsWith('#'));
  return lines
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line);
      return { keyword: keyword.toUpperCase(), rest };
    });
}

const entryPointsIn = (text) => text.match(/\bdist\/[\w./-]+\.js\b/g) ?? [];

// Exec form (JSON array) or shell form split on whitespace.
const argumentsOf = (rest) =>
  rest.startsWith('[') ? JSON.parse(rest) : rest.split(/\s+/).filter(Boolean);

function parseDockerfile(text) {
  const globalArgs = new Map();
  const stages = [];
  const copies = [];
  const runs = [];
  const commands = [];
  for (const { keyword, rest } of instructionsOf(text)) {
    const stage = stages.at(-1);
    if (keyword === 'ARG' && !stage) {
      const [name, ...value] = rest.split('=');
      globalArgs.set(name.trim(), value.join('=').trim());
    } else if (keyword === 'FROM') {
      const [image, , name] = argumentsOf(rest).filter((word) => !word.startsWith('--'));
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (_, arg) => globalArgs.get(arg) ?? '');
      const parent = stages.find((candidate) => candidate.name === resolved);
      const workdir = parent?.workdir ?? '/';
      stages.push({ name: name ?? String(stages.length), image: resolved, workdir });
    } else if (keyword === 'WORKDIR' && stage) {
      stage.workdir = posix.resolve(stage.workdir, rest);
    } else if ((keyword === 'COPY' || keyword === 'ADD') && stage) {
      const words = argumentsOf(rest);
      const flags = words.filter((word) => word.startsWith('--'));
      const paths = words.filter((word) => !word.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      copies.push({ keyword, from, sources: paths.slice(0, -1), stage });
    } else if (keyword === 'RUN') runs.push(rest);
    else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') commands.push(rest);
  }

  return { stages, copies, runs, commands };
}

function nxProjects() {
  const projects = new Map();
  for (const folder of ['apps', 'libs'].filter(isDirectory)) {
    for (const entry of readdirSync(join(root, folder))) {
      const file = join(folder, entry, 'project.json');
      if (!isFile(file)) continue;
      const project = JSON.parse(readFileSync(join(root, file), 'utf8'));
      projects.set(project.name ?? entry, { file, targets: Object.keys(project.targets ?? {}) });
    }
  }

  return projects;
}

function checkBuildOutput(label, output, entryPoints) {
  if (output === 'dist/node') {
    check(`${label} (runs an entry point from it)`, entryPoints.length > 0, 'none found');
    for (const entryPoint of entryPoints) checkBuildOutput(label, entryPoint, []);
    return;
  }
  for (const [pattern, toSource] of BUILD_OUTPUTS) {
    const match = pattern.exec(output);
    if (!match) continue;
    const source = toSource(match);
    check(`${label} (${output} is built from ${source})`, isFile(source), `${source} missing`);
    return;
  }
  check(`${label} (${output})`, false, 'unknown build output: add its source to BUILD_OUTPUTS');
}

function checkRepoSource(label, source, context, isIgnored) {
  const path = posix.join(context, source);
  if (/[*?[]/.test(source)) check(label, false, 'wildcard sources are not supported by this check');
  else if (!exists(path)) check(label, false, `${path} does not exist`);
  else check(label, !isIgnored(posix.normalize(source)), `${path} is excluded by .dockerignore`);
}

// A stage copies the workspace into its WORKDIR, so a path there maps back to the workspace.
function checkStageSource(label, stage, source, entryPoints, context, isIgnored) {
  const path = posix.relative(stage.workdir, posix.resolve(stage.workdir, source));
  if (path.startsWith('..')) check(label, false, `not under the WORKDIR ${stage.workdir}`);
  else if (path === 'dist' || path.startsWith('dist/')) checkBuildOutput(label, path, entryPoints);
  else if (path === 'node_modules') {
    check(`${label} (installed from package-lock.json)`, isFile('package-lock.json'));
  } else checkRepoSource(label, path, context, isIgnored);
}

function checkDockerfile(dockerfile, context, composeEntryPoints) {
  const text = readFileSync(join(root, dockerfile), 'utf8');
  const { stages, copies, runs, commands } = parseDockerfile(text);
  const isIgnored = dockerIgnore(context);
  const images = [...new Set(stages.map((stage) => stage.image))];
  const alpine = images.filter((image) => image.includes('alpine'));
  checkNone(`${dockerfile}: no Alpine base image (glibc only)`, alpine);
  const entryPoints = [...new Set([...commands.flatMap(entryPointsIn), ...composeEntryPoints])];
  for (const { keyword, from, sources, stage } of copies) {
    for (const source of sources) {
      const instruction = `${keyword}${from ? ` --from=${from}` : ''} ${source}`;
      const label = `${dockerfile} [${stage.name}]: ${instruction}`;
      const fromStage = stages.find((candidate) => candidate.name === from);
      if (!from) checkRepoSource(label, source, context, isIgnored);
      else if (!fromStage) check(`${label} (from the image ${from}, not checked)`, true);
      else if (stages.indexOf(fromStage) >= stages.indexOf(stage)) {
        check(label, false, `stage ${from} is not defined before this instruction`);
      } else checkStageSource(label, fromStage, source, entryPoints, context, isIgnored);
    }
  }

  const projects = nxProjects();
  for (const [, project, target] of runs.join('\n').matchAll(/\bnx run ([\w-]+):([\w-]+)/g)) {
    const found = projects.get(project);
    const label = `${dockerfile}: nx run ${project}:${target} has a project and target`;
    if (!found)
      check(label, false, `no apps/*/project.json or libs/*/project.json names ${project}`);
    else check(label, found.targets.includes(target), `${found.file} has no target ${target}`);
  }
}

// --- Compose file --------------------------------------------------------------------------

function loadCompose() {
  try {
    const compose = parse(readFileSync(join(root, COMPOSE_FILE), 'utf8'), { merge: true });
    check(`${COMPOSE_FILE}: parses`, true);
    return compose;
  } catch (error) {
    check(`${COMPOSE_FILE}: parses`, false, error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function checkVariables(compose, documented) {
  check(`${ENV_EXAMPLE}: exists`, isFile(ENV_EXAMPLE));
  const references = stringsIn(compose).flatMap(variableReferences);
  const required = references.filter((ref) => ref.operator?.endsWith('?')).map((ref) => ref.name);
  for (const name of new Set(required)) {
    check(`env: required \${${name}:?...} is documented in ${ENV_EXAMPLE}`, documented.has(name));
  }
  const used = new Set(references.map((ref) => ref.name));
  const undocumented = [...used].filter((name) => !documented.has(name));
  checkNone(`env: every variable used by ${COMPOSE_FILE} is documented`, undocumented);
  const unused = [...documented.keys()].filter((name) => !used.has(name));
  checkNone(`env: every variable in ${ENV_EXAMPLE} is used`, unused);
}

// Short syntax `source:target[:mode]`: a source starting with . / or ~ is a bind mount.
function volumeSpec(volume, documented) {
  if (typeof volume !== 'string') {
    return { type: volume.type, source: volume.source && interpolate(volume.source, documented) };
  }
  const [source, target] = interpolate(volume, documented).split(':');
  if (target === undefined) return { type: 'anonymous' };

  return { type: /^[./~]/.test(source) ? 'bind' : 'volume', source };
}

function checkVolumes(name, service, compose, documented) {
  for (const volume of asList(service.volumes)) {
    const spec = volumeSpec(volume, documented);
    const label = `service ${name}: ${spec.type} ${spec.source ?? ''}`.trimEnd();
    if (spec.type === 'volume') {
      const declared = Object.hasOwn(compose.volumes ?? {}, spec.source);
      check(`${label} is declared under volumes`, declared, 'not declared');
    } else if (spec.type === 'bind') {
      check(`${label} exists`, exists(posix.normalize(spec.source)));
    }
  }
}

function checkService(name, service, compose, documented) {
  const services = compose.services;
  check(`service ${name}: has image or build`, service.image || service.build, 'neither');
  if (!service.build && service.image) {
    const image = interpolate(service.image, documented);
    const tag = /:([^/:@]+)$/.exec(image)?.[1];
    check(`service ${name}: image ${image} is pinned`, tag && tag !== 'latest', 'no version tag');
  }
  for (const [dependency, options] of Object.entries(
    Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((other) => [other, {}]))
      : (service.depends_on ?? {}),
  )) {
    const target = services[dependency];
    const condition = options?.condition ?? 'service_started';
    const problems = [
      !target && 'no such service',
      !CONDITIONS.includes(condition) && `unknown condition ${condition}`,
      condition === 'service_healthy' && !target?.healthcheck?.test && 'it has no healthcheck',
      condition === 'service_completed_successfully' &&
        /always|unless/.test(target?.restart ?? '') &&
        'it restarts, so it never completes',
    ];
    checkNone(`service ${name}: depends on ${dependency} (${condition})`, problems.filter(Boolean));
  }
  checkVolumes(name, service, compose, documented);
  for (const network of namesOf(service.networks)) {
    const declared = network === 'default' || Object.hasOwn(compose.networks ?? {}, network);
    check(
      `service ${name}: network ${network} is declared under networks`,
      declared,
      'not declared',
    );
  }
}

function checkBuilds(compose, documented) {
  const dockerfiles = new Map();
  for (const [name, service] of Object.entries(compose.services)) {
    if (!service.build) continue;
    const build = typeof service.build === 'string' ? { context: service.build } : service.build;
    const context = posix.normalize(interpolate(build.context ?? '.', documented));
    check(`service ${name}: build context ${context} exists`, isDirectory(context));
    if (build.dockerfile_inline) continue;
    const dockerfile = posix.join(context, build.dockerfile ?? 'Dockerfile');
    check(`service ${name}: Dockerfile ${dockerfile} exists`, isFile(dockerfile));
    if (!isFile(dockerfile) || !isDirectory(context)) continue;
    const known = dockerfiles.get(dockerfile) ?? { context, entryPoints: [] };
    known.entryPoints.push(
      ...stringsIn([service.command, service.entrypoint]).flatMap(entryPointsIn),
    );
    dockerfiles.set(dockerfile, known);
  }
  for (const [dockerfile, { context, entryPoints }] of dockerfiles) {
    checkDockerfile(dockerfile, context, entryPoints);
  }
}

function checkWorker(compose) {
  const worker = compose.services.worker;
  check('service worker: exists', worker, `no service named worker in ${COMPOSE_FILE}`);
  if (!worker) return;
  check('service worker: no container_name (it must scale)', !worker.container_name, 'set');
  const fixedPorts = asList(worker.ports).filter((port) =>
    typeof port === 'object' ? port.published !== undefined : String(port).includes(':'),
  );
  checkNone('service worker: no fixed host port (it must scale)', fixedPorts);
  const replicas = Number(worker.deploy?.replicas ?? worker.scale ?? 1);
  check('service worker: two or more replicas by default', replicas >= 2, `${replicas}`);
}

/** The image a service runs, without its tag: `temporalio/ui:2.54.1` is `temporalio/ui`. */
function imageName(service) {
  return String(service?.image ?? '').replace(/:[^/]*$/, '');
}

// Every part of the production-like stack the deployment promises is there, and Temporal keeps
// its state in the stack's PostgreSQL rather than in a file inside its container.
function checkStack(compose) {
  const { services } = compose;
  const parts = {
    postgres: (service) => imageName(service) === 'postgres',
    temporal: (service) => imageName(service) === 'temporalio/server',
    'temporal-ui': (service) => imageName(service) === 'temporalio/ui',
    api: (service) => /apps\/api\//.test(service?.build?.dockerfile ?? ''),
    admin: (service) => /apps\/admin\//.test(service?.build?.dockerfile ?? ''),
  };
  for (const [name, isPart] of Object.entries(parts)) {
    check(`service ${name}: exists and runs its part of the stack`, isPart(services[name]));
  }
  const temporal = services.temporal?.environment ?? {};
  check(
    'service temporal: stores its state in PostgreSQL',
    temporal.DB === 'postgres12',
    temporal.DB,
  );
  check('service temporal: uses the postgres service', temporal.POSTGRES_SEEDS === 'postgres');
}

// Migrations run once, in a one-shot service, and nothing that uses the schema starts first.
function checkMigrations(compose) {
  const migrate = compose.services.migrate;
  check('service migrate: exists', migrate, `no service named migrate in ${COMPOSE_FILE}`);
  if (!migrate) return;
  const command = stringsIn([migrate.command, migrate.entrypoint]).join(' ');
  check('service migrate: runs the migration command', /migrate\.js\b/.test(command), command);
  const isOneShot = !/always|unless/.test(migrate.restart ?? '');
  check('service migrate: is one-shot (no restart policy)', isOneShot, migrate.restart);
  check('service migrate: a single replica', Number(migrate.deploy?.replicas ?? 1) === 1);
  for (const name of ['api', 'worker']) {
    const condition = compose.services[name]?.depends_on?.migrate?.condition;
    const label = `service ${name}: starts after migrate completed successfully`;
    check(label, condition === 'service_completed_successfully', condition ?? 'no dependency');
  }
}

function main() {
  const compose = loadCompose();
  if (!compose) return;
  const label = `${COMPOSE_FILE}: no top-level version key (Compose Specification)`;
  check(label, !('version' in compose), 'present');
  const hasServices = compose.services && Object.keys(compose.services).length > 0;
  check(`${COMPOSE_FILE}: defines services`, hasServices, 'none');
  if (!hasServices) return;
  const documented = documentedVariables();
  checkVariables(compose, documented);
  for (const [name, service] of Object.entries(compose.services)) {
    checkService(name, service ?? {}, compose, documented);
  }
  checkBuilds(compose, documented);
  checkStack(compose);
  checkWorker(compose);
  checkMigrations(compose);
}

main();
console.log(`${checkCount} checks, ${failureCount} failed`);
process.exitCode = failureCount > 0 ? 1 : 0;
