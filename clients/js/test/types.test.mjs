// Types generated from the AsyncAPI document of the test gateway (ASYNCAPI, written by NodeClientTest): a right
// use type-checks, a wrong event or payload does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ASYNCAPI = process.env.ASYNCAPI;
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(PACKAGE, 'target', 'types-test');
const document = { skip: ASYNCAPI ? false : 'ASYNCAPI is not set: run the tests through Maven' };

function generate() {
  mkdirSync(WORK, { recursive: true });
  const declarations = execFileSync(process.execPath, [join(PACKAGE, 'bin', 'cdigateway-types.mjs'), ASYNCAPI],
    { encoding: 'utf8' });
  writeFileSync(join(WORK, 'gateway-events.d.ts'), declarations);
  return declarations;
}

/** Writes a snippet that uses the client with the generated types; returns its file. */
function snippet(name, code) {
  const file = join(WORK, `${name}.ts`);
  writeFileSync(file, `import { connect } from '../../dist/index.js';
// tag::typed-connect[]
import type { TestGatewayEvents } from './gateway-events.js';
const client = connect<TestGatewayEvents>('ws://localhost/test/{room}', { params: { room: 'r' } });
// end::typed-connect[]
${code}
`);
  return file;
}

/** Type-checks files with tsc; returns its exit code and output. */
function typeCheck(files) {
  const tsc = spawnSync(process.execPath, [join(PACKAGE, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit',
    '--strict', '--target', 'es2020', '--module', 'es2020', '--moduleResolution', 'bundler', '--lib', 'es2020,dom',
    ...files], { encoding: 'utf8' });
  return { status: tsc.status, output: tsc.stdout + tsc.stderr };
}

test('the declarations name every event with its data and reply', document, () => {
  const declarations = generate();
  assert.match(declarations, /export interface TestGatewayEvents \{/);
  assert.match(declarations, /path: "\/test\/\{room\}";/);
  assert.match(declarations, /echo: \{ data: Echo; reply: Echoed \};/);
  assert.match(declarations, /count: \{ data: number; reply: number \};/);
  assert.match(declarations, /silent: \{ data: string; reply: void \};/);
  assert.match(declarations, /shouted: string;/);
  assert.match(declarations, /export type Echoed = \{\n {2}room\?: string;\n {2}text\?: string;\n\};/);
});

test('a right use type-checks', document, () => {
  generate();
  const result = typeCheck([snippet('right', `
// tag::typed[]
export async function use(): Promise<string | undefined> {
  const echoed = await client.request('echo', { text: 'hi' });
  for await (const n of client.stream('count', 3)) {
    const doubled: number = n * 2;
  }
  client.on('shouted', (text: string) => text.toLowerCase());
  client.emit('shout', 'hello');
  return echoed.room;
}
// end::typed[]
`)]);
  assert.equal(result.status, 0, result.output);
});

test('a wrong payload, event or reply type does not type-check', document, () => {
  generate();
  const wrong = [
    ['wrong-payload', `client.request('echo', { txt: 'hi' });`, /TS2353|TS2561|TS2345/],
    ['wrong-data-type', `client.request('count', 'three');`, /TS2345/],
    ['unknown-event', `client.request('no_such_event', {});`, /TS2345/],
    ['wrong-reply', `client.request('echo', { text: 'hi' }).then((r) => { const n: number = r.room; });`, /TS2322/],
    ['wrong-emit', `client.on('shouted', (n: number) => n);`, /TS2345/],
  ];
  const result = typeCheck(wrong.map(([name, code]) => snippet(name, code)));
  assert.notEqual(result.status, 0, result.output);
  for (const [name, , error] of wrong) {
    const line = result.output.split('\n').find((l) => l.includes(`${name}.ts(`));
    assert.ok(line, `${name} type-checked:\n${readFileSync(join(WORK, `${name}.ts`), 'utf8')}\n${result.output}`);
    assert.match(line, new RegExp(`${name}\\.ts\\(6,`), `${name}: the error is on the snippet's line`);
    assert.match(line, error, name);
  }
});
