// The client against a real gateway: GATEWAY_URL is the embedded runtime's ws://host:port (NodeClientTest sets it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, backoffDelay, gatewayUrl, ClientError, GatewayError } from '../dist/index.js';

const GATEWAY_URL = process.env.GATEWAY_URL;
// Node 22 has a global WebSocket; before, the ws package's
const WebSocket = globalThis.WebSocket ?? (await import('ws')).WebSocket;
const server = { skip: GATEWAY_URL ? false : 'GATEWAY_URL is not set: run the tests through Maven' };
const WAIT = 5000;

/** Resolves with the first value `listen` passes to its callback, rejects after `ms`. */
function within(ms, what, listen) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    listen((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Resolves when the client reaches `state`. */
function reaches(client, state) {
  return within(WAIT, `state ${state}`, (done) => {
    if (client.state === state) {
      done({ state });
    }
    const stop = client.onStateChange((change) => {
      if (change.state === state) {
        stop();
        done(change);
      }
    });
  });
}

function open(options = {}) {
  // tag::connect[]
  return connect(`${GATEWAY_URL}/test/{room}`, { params: { room: 'lobby' }, WebSocket, ...options });
  // end::connect[]
}

test('backoff grows by the factor, stays under the maximum, and is jittered', () => {
  const options = { initialDelay: 100, maxDelay: 1000, factor: 2, jitter: 0.5 };
  assert.equal(backoffDelay(1, options, 0.5), 100);
  assert.equal(backoffDelay(3, options, 0.5), 400);
  assert.equal(backoffDelay(10, options, 0.5), 1000);
  assert.equal(backoffDelay(1, options, 0), 50);
  assert.equal(backoffDelay(2, options, 0.999), 300);
  assert.equal(backoffDelay(10, options, 0.999), 1000);
});

test('the URL gets its path parameters encoded, its query, and ws: for http:', () => {
  assert.equal(gatewayUrl('http://h:1/chat/{room}', { room: 'a b/c' }, { x: 1 }), 'ws://h:1/chat/a%20b%2Fc?x=1');
  assert.throws(() => gatewayUrl('ws://h/chat/{room}', {}), /No value for the path parameter "room"/);
});

test('request: the reply to its id, with the path parameter', server, async () => {
  const client = open();
  try {
    // tag::request[]
    const [a, b] = await Promise.all([client.request('echo', { text: 'one' }), client.request('echo', { text: 'two' })]);
    assert.deepEqual(a, { text: 'one', room: 'lobby' });
    // end::request[]
    assert.deepEqual(b, { text: 'two', room: 'lobby' });
    assert.equal(client.state, 'open');
  } finally {
    client.close();
  }
});

test('request: an error frame rejects with a GatewayError', server, async () => {
  const client = open();
  try {
    await assert.rejects(client.request('fail', 'Refused: full'), (e) => e instanceof GatewayError
        && e.message === 'Refused: full' && e.data.status === 'error');
    // tag::error[]
    await assert.rejects(client.request('no-such-event', 1), (e) => e instanceof GatewayError
        && e.code === 'UNKNOWN_EVENT' && e.message === 'No handler for event "no-such-event"');
    // end::error[]
    await assert.rejects(client.request('echo', 'not an object'), (e) => e.code === 'VALIDATION_FAILED'
        && Array.isArray(e.data.violations));
    assert.deepEqual(await client.request('echo', { text: 'still open' }), { text: 'still open', room: 'lobby' });
  } finally {
    client.close();
  }
});

test('request: no reply within the timeout rejects with TIMEOUT', server, async () => {
  const client = open();
  try {
    // tag::timeout[]
    await assert.rejects(client.request('silent', 'x', { timeout: 200 }), (e) => e instanceof ClientError
        && e.code === 'TIMEOUT');
    // end::timeout[]
    const controller = new AbortController();
    const aborted = client.request('silent', 'x', { signal: controller.signal });
    controller.abort();
    await assert.rejects(aborted, (e) => e.code === 'ABORTED');
  } finally {
    client.close();
  }
});

test('on: emits of the gateway; emit: frames without a reply', server, async () => {
  const client = open();
  try {
    // tag::on-emit[]
    const shouted = within(WAIT, 'shouted', (done) => client.on('shouted', done));
    assert.equal(client.emit('shout', 'hello'), true);
    // end::on-emit[]
    assert.equal(await shouted, 'HELLO');
  } finally {
    client.close();
  }
});

test('token: the Authorization header in Node, the subprotocol or the query when asked', server, async () => {
  for (const [tokenIn, via] of [['auto', 'header'], ['subprotocol', 'subprotocol'], ['query', 'query']]) {
    // tag::token[]
    const client = open({ token: () => `t-${via}`, tokenIn });
    // end::token[]
    try {
      assert.deepEqual(await client.request('whoami'), { token: `t-${via}`, via });
    } finally {
      client.close();
    }
  }
});

test('stream: items in order, then the end', server, async () => {
  const client = open();
  try {
    const items = [];
    for await (const n of client.stream('count', 5)) {
      items.push(n);
    }
    assert.deepEqual(items, [1, 2, 3, 4, 5]);
  } finally {
    client.close();
  }
});

test('stream: leaving the loop sends the cancel frame', server, async () => {
  const client = open();
  try {
    // tag::stream[]
    const items = [];
    for await (const n of client.stream('ticks')) {
      items.push(n);
      if (items.length === 3) {
        break; // sends {"event":"ticks","id":...,"cancel":true}
      }
    }
    // end::stream[]
    assert.deepEqual(items, [1, 2, 3]);
    assert.equal(await client.request('cancelled'), true);
  } finally {
    client.close();
  }
});

test('a request to a streaming handler resolves with the first item and cancels the rest', server, async () => {
  const client = open();
  try {
    assert.equal(await client.request('ticks'), 1);
    assert.equal(await client.request('cancelled'), true); // the second item, nobody's, cancelled the stream
  } finally {
    client.close();
  }
});

test('stream: an error frame ends the iteration with a GatewayError', server, async () => {
  const client = open();
  try {
    await assert.rejects(async () => {
      for await (const _ of client.stream('no-such-stream')) {
        assert.fail('no item expected');
      }
    }, (e) => e instanceof GatewayError && e.code === 'UNKNOWN_EVENT');
  } finally {
    client.close();
  }
});

test('binary frames both ways', server, async () => {
  const client = open();
  try {
    // tag::binary[]
    const reply = within(WAIT, 'binary reply', (done) => client.onBinary(done));
    client.sendBinary(new Uint8Array([1, 2, 3]));
    // end::binary[]
    assert.deepEqual([...new Uint8Array(await reply)], [3, 2, 1]);
  } finally {
    client.close();
  }
});

test('reconnects after the server drops the connection; frames sent meanwhile are buffered', server, async () => {
  const changes = [];
  // tag::reconnect[]
  const client = open({ reconnect: { initialDelay: 50, maxDelay: 200 }, onStateChange: (c) => changes.push(c) });
  // end::reconnect[]
  try {
    await client.ready();
    const reconnecting = reaches(client, 'reconnecting');
    const dropped = client.request('drop', null, { timeout: 0 });
    const change = await reconnecting;
    assert.equal(change.code, 1001);
    assert.equal(change.attempt, 1);
    await assert.rejects(dropped, (e) => e instanceof ClientError && e.code === 'DISCONNECTED');
    // sent while reconnecting: kept, then sent on the new connection
    const echoed = client.request('echo', { text: 'buffered' });
    assert.deepEqual(await echoed, { text: 'buffered', room: 'lobby' });
    assert.deepEqual(changes.map((c) => c.state), ['open', 'reconnecting', 'open']);
  } finally {
    client.close();
  }
});

test('the send buffer is bounded while the connection is not open', server, async () => {
  const client = open({ sendBuffer: 2 });
  try {
    assert.equal(client.state, 'connecting');
    assert.equal(client.emit('shout', 'a'), true);
    assert.equal(client.emit('shout', 'b'), true);
    assert.equal(client.emit('shout', 'c'), false);
    await assert.rejects(client.request('echo', { text: 'd' }), (e) => e.code === 'BUFFER_FULL');
  } finally {
    client.close();
  }
});

test('no reconnection after a refusal close code', server, async () => {
  const refused = open({ token: 'refused', reconnect: { initialDelay: 10 } });
  const closed = await reaches(refused, 'closed');
  assert.equal(closed.code, 4401);
  assert.equal(closed.reason, 'Not authenticated');
  await assert.rejects(refused.request('echo', { text: 'x' }), (e) => e.code === 'CLOSED');
  assert.equal(refused.emit('shout', 'x'), false);

  const kicked = open({ reconnect: { initialDelay: 10 } });
  await kicked.ready();
  const kick = reaches(kicked, 'closed');
  kicked.emit('kick');
  assert.equal((await kick).code, 4403);
});

test('close: pending requests are rejected and the client stays closed', server, async () => {
  const client = open();
  await client.ready();
  const pending = client.request('silent', 'x', { timeout: 0 });
  client.close();
  await assert.rejects(pending, (e) => e instanceof ClientError && e.code === 'CLOSED');
  assert.equal(client.state, 'closed');
  await assert.rejects(client.ready(), (e) => e.code === 'CLOSED');
});

test('reconnects after failed attempts when the server is not there yet', async () => {
  const changes = [];
  const client = connect('ws://127.0.0.1:9/none', {
    WebSocket, reconnect: { initialDelay: 10, maxDelay: 20, maxAttempts: 2 }, onStateChange: (c) => changes.push(c),
  });
  await reaches(client, 'closed');
  assert.deepEqual(changes.map((c) => [c.state, c.attempt]), [['reconnecting', 1], ['reconnecting', 2],
    ['closed', undefined]]);
});
