/**
 * A client for CDI Gateway's native wire protocol: JSON text frames {"event","data","id"}, replies correlated by id,
 * error frames under the event "exception", streamed replies ended by {"end":true} and cancelled with
 * {"cancel":true}, binary frames, and the close codes of the protocol.
 */
/** A request or stream the gateway answered with an error frame. */
export class GatewayError extends Error {
    constructor(data) {
        const d = data !== null && typeof data === 'object' ? data : { message: String(data) };
        super(typeof d.message === 'string' ? d.message : JSON.stringify(d));
        this.name = 'GatewayError';
        this.code = typeof d.code === 'string' ? d.code : undefined;
        this.data = d;
    }
}
/** A request or stream that ended on the client's side: timed out, lost with its connection, refused, aborted. */
export class ClientError extends Error {
    constructor(code, message) {
        super(message);
        this.name = 'ClientError';
        this.code = code;
    }
}
const DEFAULT_REFUSED = [1000, 1008, 4401, 4403];
/** The delay before reconnection attempt `attempt` (1 for the first), with `random` in [0, 1). */
export function backoffDelay(attempt, options = {}, random = Math.random()) {
    const initial = options.initialDelay ?? 500;
    const max = options.maxDelay ?? 10000;
    const factor = options.factor ?? 2;
    const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
    const base = Math.min(max, initial * Math.pow(factor, attempt - 1));
    return Math.round(Math.min(max, base * (1 - jitter + 2 * jitter * random)));
}
/** Replaces the {placeholders} of the URL's path and adds the query; resolves a relative URL against the page. */
export function gatewayUrl(url, params = {}, query = {}) {
    const filled = url.replace(/\{([^}]+)\}/g, (_, name) => {
        if (!(name in params)) {
            throw new TypeError(`No value for the path parameter "${name}" of ${url}: pass params: { ${name}: ... }`);
        }
        return encodeURIComponent(String(params[name]));
    });
    const location = globalThis.location;
    const absolute = new URL(filled, location?.href);
    if (absolute.protocol === 'http:') {
        absolute.protocol = 'ws:';
    }
    else if (absolute.protocol === 'https:') {
        absolute.protocol = 'wss:';
    }
    for (const [name, value] of Object.entries(query)) {
        absolute.searchParams.set(name, String(value));
    }
    return absolute.toString();
}
const isNode = typeof globalThis.process?.versions?.node
    === 'string' && typeof globalThis.document === 'undefined';
/**
 * A connection to one gateway. It connects at once, reconnects after a connection drops (see
 * {@link ConnectOptions.reconnect}), and keeps frames sent meanwhile in a bounded buffer.
 */
export class GatewayConnection {
    constructor(url, options = {}) {
        this.socket = null;
        this.currentState = 'connecting';
        this.attempt = 0;
        this.nextId = 0;
        this.pending = new Map();
        /** Ids of streams this client cancelled, so that items still on their way do not cancel them again. */
        this.cancelled = new Set();
        this.queue = [];
        this.listeners = new Map();
        this.binaryListeners = new Set();
        this.stateListeners = new Set();
        this.options = options;
        this.url = gatewayUrl(url, options.params, options.query);
        const impl = options.WebSocket ?? globalThis.WebSocket;
        if (!impl) {
            throw new TypeError('No WebSocket implementation: on Node.js before 22 pass one, such as '
                + "connect(url, { WebSocket: (await import('ws')).WebSocket })");
        }
        this.WebSocketImpl = impl;
        const r = options.reconnect ?? true;
        this.reconnectOptions = r === false ? null : r === true ? {} : r;
        if (options.onStateChange) {
            this.stateListeners.add(options.onStateChange);
        }
        void this.open();
    }
    /** The connection's state now. */
    get state() {
        return this.currentState;
    }
    /** Calls `listener` on every change of state; returns a function that stops it. */
    onStateChange(listener) {
        this.stateListeners.add(listener);
        return () => this.stateListeners.delete(listener);
    }
    /** Resolves when the connection is open (at once if it is), rejects if the client closes first. */
    ready() {
        if (this.currentState === 'open') {
            return Promise.resolve();
        }
        if (this.currentState === 'closed') {
            return Promise.reject(new ClientError('CLOSED', 'The client is closed'));
        }
        return new Promise((resolve, reject) => {
            const stop = this.onStateChange((change) => {
                if (change.state === 'open') {
                    stop();
                    resolve();
                }
                else if (change.state === 'closed') {
                    stop();
                    reject(new ClientError('CLOSED', closedMessage(change)));
                }
            });
        });
    }
    /**
     * Sends `event` with `data` and resolves with the reply's data; rejects with a {@link GatewayError} when the
     * gateway answers with an error frame, with a {@link ClientError} when no reply can come.
     */
    request(event, data, options = {}) {
        return new Promise((resolve, reject) => {
            const id = ++this.nextId;
            const timeout = options.timeout ?? this.options.timeout ?? 10000;
            let timer;
            const onAbort = () => finish(new ClientError('ABORTED', `The request "${event}" was aborted`));
            const finish = (error, reply) => {
                if (!this.pending.delete(id)) {
                    return;
                }
                clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                this.unqueue(id);
                if (error) {
                    reject(error);
                }
                else {
                    resolve(reply);
                }
            };
            if (options.signal?.aborted) {
                reject(new ClientError('ABORTED', `The request "${event}" was aborted`));
                return;
            }
            this.pending.set(id, {
                event,
                sent: false,
                reply: (reply) => finish(null, reply),
                fail: (error) => (error === END ? finish(null, undefined) : finish(error)), // a stream without items
            });
            options.signal?.addEventListener('abort', onAbort);
            if (timeout > 0) {
                timer = setTimeout(() => finish(new ClientError('TIMEOUT', `No reply to "${event}" within ${timeout} ms`)), timeout);
            }
            this.send(JSON.stringify({ event, data: data ?? null, id }), id);
        });
    }
    /**
     * Sends `event` without waiting for a reply. Returns false when the frame was refused: the client is closed, or
     * the send buffer is full while the connection is not open.
     */
    emit(event, data) {
        return this.send(JSON.stringify({ event, data: data ?? null }));
    }
    /** Sends a binary frame to the gateway's binary handler; returns false when refused, as {@link emit} does. */
    sendBinary(data) {
        return this.send(data);
    }
    /** Calls `listener` with the data of every `event` the gateway emits; returns a function that stops it. */
    on(event, listener) {
        let set = this.listeners.get(event);
        if (!set) {
            set = new Set();
            this.listeners.set(event, set);
        }
        set.add(listener);
        return () => this.off(event, listener);
    }
    /** Stops a listener added with {@link on}. */
    off(event, listener) {
        this.listeners.get(event)?.delete(listener);
    }
    /** Calls `listener` with every binary frame the gateway sends; returns a function that stops it. */
    onBinary(listener) {
        this.binaryListeners.add(listener);
        return () => this.binaryListeners.delete(listener);
    }
    /**
     * Requests a streamed reply: an async iterator of its items. Leaving the iteration early (break, return) sends the
     * cancel frame; an error frame ends it with a {@link GatewayError}. The request is sent on the first `next()`.
     */
    stream(event, data, options = {}) {
        const items = [];
        const waiting = [];
        let id = 0;
        let ended = false;
        let failure = null;
        const settle = () => {
            while (waiting.length > 0 && (items.length > 0 || ended)) {
                const w = waiting.shift();
                if (items.length > 0) {
                    w.resolve({ value: items.shift(), done: false });
                }
                else if (failure) {
                    w.reject(failure);
                    failure = null;
                }
                else {
                    w.resolve({ value: undefined, done: true });
                }
            }
        };
        const end = (error) => {
            if (ended) {
                return;
            }
            ended = true;
            failure = error;
            this.pending.delete(id);
            this.unqueue(id);
            options.signal?.removeEventListener('abort', onAbort);
            settle();
        };
        const cancel = () => {
            const running = id !== 0 && this.pending.get(id)?.sent === true;
            if (running) {
                this.cancelStream(event, id);
            }
        };
        const onAbort = () => {
            if (!ended) {
                cancel();
                end(new ClientError('ABORTED', `The stream "${event}" was aborted`));
            }
        };
        const start = () => {
            id = ++this.nextId;
            if (options.signal?.aborted) {
                end(new ClientError('ABORTED', `The stream "${event}" was aborted`));
                return;
            }
            options.signal?.addEventListener('abort', onAbort);
            this.pending.set(id, {
                event,
                sent: false,
                reply: (item) => {
                    items.push(item);
                    settle();
                },
                fail: (error) => end(error === END ? null : error),
            });
            this.send(JSON.stringify({ event, data: data ?? null, id }), id);
        };
        const iterator = {
            next: () => {
                if (id === 0 && !ended) {
                    start();
                }
                return new Promise((resolve, reject) => {
                    waiting.push({ resolve, reject });
                    settle();
                });
            },
            return: (value) => {
                if (!ended) {
                    cancel();
                    end(null);
                }
                items.length = 0;
                return Promise.resolve({ value, done: true });
            },
            [Symbol.asyncIterator]() {
                return this;
            },
        };
        return iterator;
    }
    /**
     * Closes the connection for good (no reconnection): pending requests and streams fail with a
     * {@link ClientError} CLOSED, buffered frames are dropped.
     */
    close(code = 1000, reason = '') {
        if (this.currentState === 'closed') {
            return;
        }
        clearTimeout(this.retryTimer);
        const socket = this.socket;
        this.socket = null;
        if (socket) {
            this.detach(socket);
            try {
                socket.close(code, reason);
            }
            catch {
                socket.close();
            }
        }
        this.shutdown({ code, reason });
    }
    // ---- internals
    send(frame, id) {
        if (this.currentState === 'closed') {
            if (id !== undefined) {
                this.pending.get(id)?.fail(new ClientError('CLOSED', 'The client is closed'));
            }
            return false;
        }
        const socket = this.socket;
        if (this.currentState === 'open' && socket && socket.readyState === 1) {
            socket.send(frame);
            if (id !== undefined) {
                const p = this.pending.get(id);
                if (p) {
                    p.sent = true;
                }
            }
            return true;
        }
        const limit = this.options.sendBuffer ?? 100;
        if (this.queue.length >= limit) {
            if (id !== undefined) {
                this.pending.get(id)?.fail(new ClientError('BUFFER_FULL', `The send buffer holds ${limit} frames while the connection is not open`));
            }
            return false;
        }
        this.queue.push({ frame, id });
        return true;
    }
    unqueue(id) {
        const i = this.queue.findIndex((q) => q.id === id);
        if (i >= 0) {
            this.queue.splice(i, 1);
        }
    }
    setState(state, details = {}) {
        const previous = this.currentState;
        if (previous === state && state !== 'reconnecting') {
            return; // every reconnection attempt is told, with its number and delay
        }
        this.currentState = state;
        const change = { state, previous, ...details };
        for (const listener of [...this.stateListeners]) {
            try {
                listener(change);
            }
            catch (e) {
                reportLater(e);
            }
        }
    }
    async open() {
        let token;
        try {
            token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
        }
        catch (e) {
            this.dropped(1006, `The token could not be had: ${e instanceof Error ? e.message : String(e)}`);
            return;
        }
        if (this.currentState === 'closed') {
            return;
        }
        let url = this.url;
        let protocols = [];
        let headers;
        const where = this.options.tokenIn ?? 'auto';
        if (token) {
            if (where === 'query') {
                const u = new URL(url);
                u.searchParams.set('access_token', token);
                url = u.toString();
            }
            else if (where === 'header' || (where === 'auto' && isNode)) {
                headers = { Authorization: `Bearer ${token}` };
            }
            else {
                protocols = ['bearer', token];
            }
        }
        let socket;
        try {
            socket = this.createSocket(url, protocols, headers);
        }
        catch (e) {
            this.dropped(1006, e instanceof Error ? e.message : String(e));
            return;
        }
        this.socket = socket;
        socket.binaryType = 'arraybuffer';
        socket.onopen = () => this.opened(socket);
        socket.onmessage = (event) => this.received(event.data);
        socket.onclose = (event) => {
            if (this.socket === socket) {
                this.socket = null;
                this.dropped(event.code, event.reason);
            }
        };
        socket.onerror = () => {
            // a close event follows, except for some implementations when the connection could not be made at all
            if (this.socket === socket && this.currentState !== 'open') {
                this.socket = null;
                this.detach(socket);
                try {
                    socket.close();
                }
                catch {
                    // not open yet: nothing to close
                }
                this.dropped(1006, 'The connection could not be made');
            }
        };
    }
    createSocket(url, protocols, headers) {
        const Impl = this.WebSocketImpl;
        if (!headers) {
            return new Impl(url, protocols);
        }
        if (Impl === globalThis.WebSocket && isNode) {
            return new Impl(url, { protocols, headers }); // Node's own WebSocket (undici)
        }
        return new Impl(url, protocols, { headers }); // the ws package
    }
    detach(socket) {
        socket.onopen = null;
        socket.onmessage = null;
        socket.onclose = null;
        socket.onerror = () => { }; // the ws package throws an error nobody listens to
    }
    opened(socket) {
        if (this.socket !== socket) {
            return;
        }
        this.attempt = 0;
        this.setState('open');
        const queued = this.queue.splice(0, this.queue.length);
        for (const q of queued) {
            if (q.id === undefined || this.pending.has(q.id)) {
                this.send(q.frame, q.id);
            }
        }
    }
    received(raw) {
        if (typeof raw !== 'string') {
            const bytes = raw instanceof ArrayBuffer ? raw : toArrayBuffer(raw);
            for (const listener of [...this.binaryListeners]) {
                call(listener, bytes);
            }
            return;
        }
        let frame;
        try {
            frame = JSON.parse(raw);
        }
        catch {
            return;
        }
        if (frame === null || typeof frame !== 'object' || typeof frame.event !== 'string') {
            return;
        }
        if (typeof frame.id === 'number' && this.pending.has(frame.id)) {
            const p = this.pending.get(frame.id);
            if (frame.event === 'exception' && p.event !== 'exception') {
                p.fail(new GatewayError(frame.data));
            }
            else if (frame.end === true) {
                this.endStream(frame.id);
            }
            else {
                p.reply(frame.data ?? null);
            }
            return;
        }
        if (frame.id !== undefined && frame.id !== null) {
            // the late reply of a request that timed out, or an item nobody waits for: of a stream cancelled (still on its
            // way), or of a stream answering a request, which its first item resolved; such a stream is cancelled, once
            if (typeof frame.id === 'number') {
                if (frame.end === true || frame.event === 'exception') {
                    this.cancelled.delete(frame.id);
                }
                else if (frame.id <= this.nextId && !this.cancelled.has(frame.id)) {
                    this.cancelStream(frame.event, frame.id);
                }
            }
            return;
        }
        for (const listener of [...(this.listeners.get(frame.event) ?? [])]) {
            call(listener, frame.data ?? null);
        }
    }
    /** Sends the cancel frame of a stream, once; the ids remembered are bounded. */
    cancelStream(event, id) {
        this.cancelled.add(id);
        if (this.cancelled.size > 1024) {
            this.cancelled.delete(this.cancelled.values().next().value);
        }
        this.send(JSON.stringify({ event, id, cancel: true }));
    }
    endStream(id) {
        const p = this.pending.get(id);
        if (p) {
            this.pending.delete(id);
            p.fail(END);
        }
    }
    dropped(code, reason) {
        if (this.currentState === 'closed') {
            return;
        }
        for (const [, p] of [...this.pending]) {
            if (p.sent) {
                p.fail(new ClientError('DISCONNECTED', `The connection closed before the reply (${code}${reason ? ' '
                    + reason : ''})`));
            }
        }
        const r = this.reconnectOptions;
        const refused = (r?.refusedCodes ?? DEFAULT_REFUSED).includes(code);
        if (!r || refused || (r.maxAttempts !== undefined && this.attempt >= r.maxAttempts)) {
            this.shutdown({ code, reason });
            return;
        }
        this.attempt++;
        const delay = backoffDelay(this.attempt, r);
        this.setState('reconnecting', { code, reason, attempt: this.attempt, delay });
        this.retryTimer = setTimeout(() => void this.open(), delay);
    }
    shutdown(details) {
        this.queue.length = 0;
        this.setState('closed', details);
        const error = new ClientError('CLOSED', closedMessage(details));
        for (const [, p] of [...this.pending]) {
            p.fail(error);
        }
    }
}
/** A stream's pending entry is failed with this when its end frame arrives: the stream ends normally. */
const END = new ClientError('CLOSED', 'end');
function closedMessage(details) {
    return `The connection closed (${details.code ?? 1006}${details.reason ? ' ' + details.reason : ''})`;
}
function toArrayBuffer(raw) {
    if (ArrayBuffer.isView(raw)) {
        return raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
    }
    return raw;
}
function call(listener, data) {
    try {
        listener(data);
    }
    catch (e) {
        reportLater(e);
    }
}
function reportLater(e) {
    setTimeout(() => {
        throw e;
    });
}
/**
 * Connects to a gateway: `connect('wss://example.com/chat/{room}', { params: { room: 'lobby' }, token })`. A
 * relative URL is resolved against the page's (http becomes ws).
 */
export function connect(url, options = {}) {
    return new GatewayConnection(url, options);
}
//# sourceMappingURL=index.js.map