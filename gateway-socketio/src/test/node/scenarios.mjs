// Scenarios of the official socket.io-client against a running server. Usage:
//   node scenarios.mjs <scenario> <url> [json options]
// Each scenario prints one line "RESULT <json>" with what the client observed, then exits; the Java tests assert on
// it. A scenario that waits too long prints what it has with "timeout": true. A scenario that needs the test to act
// meanwhile (emit on a server) prints "STEP <name> <json>" when it is ready for that, and waits for what follows.
import { io } from "socket.io-client";

const [, , scenario, url, optionsJson] = process.argv;
const options = optionsJson ? JSON.parse(optionsJson) : {};
const transports = options.transports ?? ["websocket"];
const limit = options.timeout ?? 10000;
const result = {};

function done(extra = {}) {
  console.log("RESULT " + JSON.stringify({ ...result, ...extra }));
  setTimeout(() => process.exit(0), 300); // a disconnect over polling is a request still on its way
}
setTimeout(() => done({ timeout: true }), limit);

function connect(ns = "/", more = {}, server = url) {
  return io(server + (ns === "/" ? "" : ns), { transports, reconnection: false, forceNew: true, ...more });
}

function step(name, data = {}) {
  console.log("STEP " + name + " " + JSON.stringify(data));
}

// what a listener got, as JSON: a Buffer as {buffer: [bytes]}, an ArrayBuffer as {arrayBuffer: [bytes]}
function observed(value) {
  if (Buffer.isBuffer(value)) {
    return { buffer: [...value] };
  }
  return value instanceof ArrayBuffer ? { arrayBuffer: [...new Uint8Array(value)] } : value;
}

// resolves once the client got the event with these data (it must listen before the event can come)
function awaitEvent(socket, event, data) {
  return new Promise((resolve) => {
    const listener = (d) => {
      if (d === data) {
        socket.off(event, listener);
        resolve();
      }
    };
    socket.on(event, listener);
  });
}

function once(socket, event) {
  return new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
}

function ack(socket, event, ...args) {
  return socket.timeout(limit / 2).emitWithAck(event, ...args).catch((e) => ({ noAck: String(e.message) }));
}

const scenarios = {
  // connection state recovery: a dropped client resumes its id, rooms and attributes, and gets what it missed
  async recovery() {
    const a = connect("/", { auth: { name: "ada" } });
    const b = connect("/", { auth: { name: "bob" } });
    await Promise.all([once(a, "connect"), once(b, "connect")]);
    result.firstRecovered = a.recovered;
    const firstId = a.id;
    await ack(a, "join", "room1");
    await ack(a, "remember", "blue");
    const got = [];
    const waiting = [];
    a.on("message", (m) => {
      got.push(typeof m === "string" ? m : "bytes:" + Buffer.from(m).toString());
      waiting.filter((w) => got.length >= w.n).forEach((w) => w.resolve());
    });
    const received = (n) => new Promise((resolve) => (got.length >= n ? resolve() : waiting.push({ n, resolve })));
    await ack(b, "broadcast", { room: "room1", payload: "m1" });
    await received(1);
    const dropped = once(a, "disconnect");
    a.emit("drop");
    [result.dropReason] = await dropped;
    await ack(b, "broadcast", { room: "room1", payload: "m2" });
    await ack(b, "broadcastBytes", { room: "room1", payload: "m2b" });
    await ack(b, "broadcast", { room: "elsewhere", payload: "not for ada" });
    await ack(b, "broadcast", { room: "room1", payload: "m3" });
    await ack(b, "toClient", { id: firstId, payload: "m4" });
    a.connect();
    await once(a, "connect");
    result.recovered = a.recovered;
    result.sameId = a.id === firstId;
    await received(5);
    result.whoami = await ack(a, "whoami");
    await ack(b, "broadcast", { room: "room1", payload: "m5" });
    await ack(b, "broadcastBytes", { room: "room1", payload: "m6b" });
    await received(7);
    result.got = [...got];
    a.disconnect(); // leaving the namespace: nothing to resume
    a.connect();
    await once(a, "connect");
    result.recoveredAfterLeaving = a.recovered;
    result.newIdAfterLeaving = a.id !== firstId;
    a.disconnect();
    b.disconnect();
    done();
  },

  // binaries both ways: a Buffer as the data, in an object, among several arguments, in an emit; a large one
  async binary() {
    const s = connect("/files");
    await once(s, "connect");
    const bytes = (b) => (Buffer.isBuffer(b) || b instanceof ArrayBuffer ? { buffer: [...new Uint8Array(b)] } : b);
    result.size = await ack(s, "size", Buffer.from([1, 2, 3, 4, 5]));
    result.reverse = bytes(await ack(s, "reverse", Buffer.from([1, 2, 3, 4, 5])));
    const upload = await ack(s, "upload", { name: "a.txt", content: Buffer.from("hello") });
    result.upload = { ...upload, content: bytes(upload.content) };
    const swapped = await s.timeout(limit / 2).emitWithAck("swap", Buffer.from([9, 8]), "text").then(
      (...args) => args, (e) => [String(e.message)]);
    result.swap = await new Promise((resolve) => {
      s.timeout(limit / 2).emit("swap", Buffer.from([9, 8]), "text", (err, a, b) => resolve(err ? [String(err)] : [a, bytes(b)]));
    });
    result.swapFirst = swapped.length;
    const [file] = await new Promise((resolve) => {
      s.once("file", (...args) => resolve(args));
      s.emit("download", 4);
    });
    result.file = bytes(file);
    result.big = await ack(s, "size", Buffer.alloc(200000, 7));
    s.disconnect();
    done();
  },

  // a broadcast with binaries to a room a native client joined too: a Buffer alone, and one in an object
  async binaryBroadcast() {
    const s = connect("/shared");
    await once(s, "connect");
    const bytes = (b) => (Buffer.isBuffer(b) || b instanceof ArrayBuffer ? { buffer: [...new Uint8Array(b)] } : b);
    await ack(s, "join", "vault");
    const alone = once(s, "bytes");
    const described = once(s, "described");
    result.shared = await ack(s, "share", "vault");
    const [[b], [d]] = await Promise.all([alone, described]);
    result.isBuffer = Buffer.isBuffer(b);
    result.bytes = bytes(b);
    result.described = { ...d, content: bytes(d.content) };
    s.disconnect();
    done();
  },

  // connect with auth; the gateway greets with the auth it saw; echo with and without ack; a WsResponse
  async basics() {
    const s = connect("/", { auth: { token: "t0k3n" } });
    const [hello] = await once(s, "hello");
    result.connected = s.connected;
    result.id = s.id;
    result.hello = hello;
    result.echo = await ack(s, "echo", { text: "hi", n: 1 });
    result.wsResponse = await new Promise((resolve) => {
      s.once("echoed", (data) => resolve(data));
      s.emit("respond", "there");
    });
    s.emit("echo", { text: "no ack" }); // no acknowledgement asked: nothing comes back
    result.failure = await ack(s, "fail", "boom");
    result.exception = await new Promise((resolve) => {
      s.once("exception", (data) => resolve(data));
      s.emit("fail", "no ack");
    });
    result.unknown = await ack(s, "nobody-handles-this", 1);
    s.disconnect();
    done();
  },

  // the client's default: polling first, then the upgrade to WebSocket; events before, during and after it
  async upgrade() {
    const s = connect("/", { auth: { token: "u" } });
    let upgraded;
    const upgrade = new Promise((resolve) => (upgraded = resolve));
    s.io.on("open", () => {
      result.first = s.io.engine.transport.name;
      s.io.engine.on("upgrade", (transport) => upgraded(transport.name));
    });
    await once(s, "hello");
    const before = ack(s, "echo", "before");
    result.upgradedTo = await upgrade;
    result.before = await before;
    result.after = await ack(s, "echo", "after");
    result.last = s.io.engine.transport.name;
    s.disconnect();
    done();
  },

  async invalidNamespace() {
    const s = connect("/nowhere");
    const [err] = await once(s, "connect_error");
    result.message = err.message;
    done();
  },

  async refused() {
    const s = connect("/guarded", { auth: { token: "wrong" } });
    const [err] = await once(s, "connect_error");
    result.message = err.message;
    result.data = err.data;
    const ok = connect("/guarded", { auth: { token: "letmein" } });
    await once(ok, "connect");
    result.admitted = ok.connected;
    result.whoami = await ack(ok, "whoami");
    ok.disconnect();
    done();
  },

  // @RolesAllowed against the embedded runtime's authenticator: HTTP Basic in the handshake's headers
  async rolesAllowed() {
    const basic = (user, password) => ({
      extraHeaders: { Authorization: "Basic " + Buffer.from(user + ":" + password).toString("base64") },
    });
    const anonymous = connect("/members");
    result.anonymous = (await once(anonymous, "connect_error"))[0].message;
    const carol = connect("/members", basic("carol", "singer"));
    result.carol = (await once(carol, "connect_error"))[0].message;
    const bob = connect("/members", basic("bob", "builder"));
    await once(bob, "connect");
    result.whoami = await ack(bob, "whoami");
    result.purge = await ack(bob, "purge");
    bob.disconnect();
    const alice = connect("/members", basic("alice", "wonder"));
    await once(alice, "connect");
    result.alicePurge = await ack(alice, "purge");
    alice.disconnect();
    done();
  },

  // two namespaces on one connection (the client multiplexes them)
  async namespaces() {
    const main = connect("/", { auth: { token: "t" }, forceNew: false });
    const guarded = io(url + "/guarded", { transports, reconnection: false, auth: { token: "letmein" } });
    await Promise.all([once(main, "hello"), once(guarded, "connect")]);
    result.sameEngine = main.io === guarded.io;
    result.main = await ack(main, "echo", "m");
    result.guarded = await ack(guarded, "whoami");
    guarded.disconnect();
    result.mainAfter = await ack(main, "echo", "still");
    main.disconnect();
    done();
  },

  // a room: two clients join, a third broadcasts to it
  async rooms() {
    const a = connect("/", { auth: { token: "a" } });
    const b = connect("/", { auth: { token: "b" } });
    const c = connect("/", { auth: { token: "c" } });
    await Promise.all([once(a, "hello"), once(b, "hello"), once(c, "hello")]);
    result.joinA = await ack(a, "join", "lobby");
    result.joinB = await ack(b, "join", "lobby");
    const got = [];
    a.on("message", (m) => got.push(["a", m]));
    b.on("message", (m) => got.push(["b", m]));
    c.on("message", (m) => got.push(["c", m]));
    await ack(c, "broadcast", { room: "lobby", payload: "to the lobby" });
    await new Promise((r) => setTimeout(r, 300)); // nothing may reach c: wait a moment for a stray frame
    result.got = got.sort();
    [a, b, c].forEach((s) => s.disconnect());
    done();
  },

  // joins a room a native client joined too, and broadcasts to it: both get the message
  async mixedRoom() {
    const s = connect("/", { auth: { token: "m" } });
    await once(s, "hello");
    await ack(s, "join", "mixed");
    const got = once(s, "message");
    await ack(s, "broadcast", { room: "mixed", payload: "to both" });
    [result.got] = await got;
    s.disconnect();
    done();
  },

  // the server disconnects: the client does not reconnect; then the server drops the transport: it reconnects
  async serverDisconnect() {
    const s = io(url, { transports, reconnectionDelay: 100, reconnectionDelayMax: 200, auth: { token: "d" } });
    await once(s, "hello");
    const firstId = s.id;
    const [reason] = await Promise.all([once(s, "disconnect"), ack(s, "kick", 1000)]).then(([r]) => r);
    result.kickReason = reason;
    await new Promise((r) => setTimeout(r, 500));
    result.reconnectedAfterKick = s.connected;
    s.connect();
    await once(s, "hello");
    result.secondId = s.id;
    result.newId = s.id !== firstId;
    const dropped = once(s, "disconnect");
    s.emit("kick", 1001);
    [result.dropReason] = await dropped;
    await once(s, "hello");
    result.reconnectedAfterDrop = s.connected;
    s.disconnect();
    done();
  },

  // a stream: items as events, the acknowledgement at its end
  async stream() {
    const s = connect("/", { auth: { token: "s" } });
    await once(s, "hello");
    const items = [];
    s.on("count", (n) => items.push(n));
    const end = await ack(s, "count", 3);
    result.end = end === undefined ? "acknowledged without arguments" : end;
    result.items = items;
    s.disconnect();
    done();
  },

  // the chat of the NestJS migration page (gateway-socketio/src/test/java/org/cdigateway/socketio/migration)
  async migratedChat() {
    const intruder = connect("/chat", { auth: { token: "forged", user: "eve" } });
    intruder.on("welcome", () => (result.intruderWelcomed = true));
    const [err] = await once(intruder, "connect_error");
    result.refused = { message: err.message, data: err.data };
    const ada = connect("/chat", { auth: { token: "secret", user: "ada" } });
    const bob = connect("/chat", { auth: { token: "secret", user: "bob" } });
    const [[welcome]] = await Promise.all([once(ada, "welcome"), once(bob, "welcome")]);
    result.welcome = welcome;
    result.welcomeIdIsSocketId = welcome.id === ada.id;
    result.adaJoin = await ack(ada, "join", "lobby");
    const bobSawJoined = [];
    bob.on("joined", (j) => bobSawJoined.push(j));
    const joined = once(ada, "joined");
    result.bobJoin = await ack(bob, "join", "lobby");
    [result.joined] = await joined;
    const saidToAda = once(ada, "said");
    const saidToBob = once(bob, "said");
    result.say = await ack(bob, "say", { room: "lobby", text: "hello" });
    [[result.saidToAda], [result.saidToBob]] = await Promise.all([saidToAda, saidToBob]);
    result.sayElsewhere = await ack(bob, "say", { room: "kitchen", text: "anyone?" });
    result.exception = await new Promise((resolve) => {
      bob.once("exception", (data) => resolve(data));
      bob.emit("say", { room: "kitchen", text: "no ack asked" });
    });
    result.announceByBob = await ack(bob, "announce", "from bob");
    const announced = once(bob, "announcement");
    result.announceByAda = await ack(ada, "announce", "maintenance at noon");
    [result.announcement] = await announced;
    result.unknown = await ack(bob, "typing", "lobby");
    result.bobSawJoined = bobSawJoined;
    [intruder, ada, bob].forEach((s) => s.disconnect());
    done();
  },
};

// Scenarios of clients of two nodes sharing a broadcaster: the test emits on the nodes between the steps. The
// gateways' "join" takes {name, rooms} and answers the client's id.
Object.assign(scenarios, {
  // clients of one node (url), in the rooms of options.members ({name: [rooms]}): every event each gets until "end",
  // or until the server disconnects it (the reason is in "disconnected")
  async members() {
    const ns = options.namespace ?? "/";
    const sockets = Object.fromEntries(Object.keys(options.members).map((name) => [name, connect(ns)]));
    await Promise.all(Object.values(sockets).map((s) => once(s, "connect")));
    const ids = {};
    const got = {};
    const disconnected = {};
    for (const [name, s] of Object.entries(sockets)) {
      ids[name] = await ack(s, "join", { name, rooms: options.members[name] });
      result.sameId = (result.sameId ?? true) && ids[name] === s.id;
      got[name] = [];
      s.onAny((event, ...args) => got[name].push([event, ...args.map(observed)]));
    }
    let waiting = true;
    const ended = Promise.all(Object.entries(sockets).map(([name, s]) => new Promise((resolve) => {
      s.once("end", resolve);
      s.once("disconnect", (reason) => {
        if (waiting) {
          disconnected[name] = reason;
        }
        resolve();
      });
    })));
    Object.assign(result, { ids, got, disconnected });
    step("ready", ids);
    await ended;
    waiting = false;
    Object.values(sockets).forEach((s) => s.disconnect());
    done();
  },

  // alice on node A (options.a), bob on node B (url), both in "both": the events "said" they get from both nodes.
  // The test emits "from A" on A, then (once bob heard it) "from B" on B, then (once alice heard it) "end" on A: by
  // then a node's own broadcast, had it come back to it through the broadcaster, would have reached its client twice
  async pair() {
    const ns = options.namespace ?? "/";
    const alice = connect(ns, {}, options.a);
    const bob = connect(ns);
    await Promise.all([once(alice, "connect"), once(bob, "connect")]);
    result.said = { alice: [], bob: [] };
    for (const [name, s] of [["alice", alice], ["bob", bob]]) {
      await ack(s, "join", { name, rooms: ["both"] });
      s.on("said", (text) => result.said[name].push(text));
    }
    const bobHeardA = awaitEvent(bob, "said", "from A");
    const aliceHeardB = awaitEvent(alice, "said", "from B");
    const ended = Promise.all([once(alice, "end"), once(bob, "end")]);
    step("ready");
    await bobHeardA;
    step("bob heard A");
    await aliceHeardB;
    step("alice heard B");
    await ended;
    [alice, bob].forEach((s) => s.disconnect());
    done();
  },

  // connection state recovery on node B (url) of broadcasts made on node A: "away" drops its transport; what A emits
  // meanwhile reaches B through the broadcaster; once "witness" (in the same room, still connected) got "last", B has
  // delivered all of it, and "away" reconnects to B
  async recoveryOfOtherNodesBroadcasts() {
    const ns = options.namespace ?? "/";
    const away = connect(ns);
    const witness = connect(ns);
    await Promise.all([once(away, "connect"), once(witness, "connect")]);
    const firstId = away.id;
    await ack(away, "join", { name: "away", rooms: ["red"] });
    await ack(witness, "join", { name: "witness", rooms: ["red"] });
    result.got = [];
    away.on("message", (m) => result.got.push(observed(m)));
    const before = awaitEvent(away, "message", "before");
    const last = awaitEvent(witness, "message", "last");
    step("ready", { away: firstId });
    await before;
    const dropped = once(away, "disconnect");
    away.emit("drop");
    [result.dropReason] = await dropped;
    step("dropped");
    await last;
    const after = awaitEvent(away, "message", "after");
    away.connect();
    await once(away, "connect");
    result.recovered = away.recovered;
    result.sameId = away.id === firstId;
    step("resumed");
    await after;
    [away, witness].forEach((s) => s.disconnect());
    done();
  },
});

const run = scenarios[scenario];
if (!run) {
  console.error("unknown scenario " + scenario);
  process.exit(2);
}
run().catch((e) => {
  result.crash = String(e && e.stack || e);
  done();
});
