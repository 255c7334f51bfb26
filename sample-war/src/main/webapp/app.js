// A small client for CDI Gateway frames: {"event","data","id"} over one WebSocket, with readable close messages.
'use strict';

const CLOSE_REASONS = {
    1000: 'Disconnected.',
    1001: 'The server is going away (shutting down or redeploying).',
    1003: 'The server does not accept this kind of data.',
    1006: 'The connection dropped.',
    1008: 'The server refused this page (policy, such as a cross-origin page).',
    1009: 'That message was too big for the server.',
    1011: 'The server hit an internal error.',
    1013: 'This connection is too slow or the server is overloaded; try again later.',
    4401: 'You are not signed in.',
    4403: 'You are not allowed here.',
    4429: 'Too many messages; slow down.'
};

/** A readable sentence for a close event: what the code means, and the server's own reason if it gave one. */
function describeClose(event) {
    const meaning = CLOSE_REASONS[event.code] || 'The connection closed.';
    return meaning + (event.reason ? ' ' + event.reason + '.' : '') + ' (code ' + event.code + ')';
}

/** ws:// or wss:// URL of a gateway path, relative to this page (works under any context root). */
function gatewayUrl(path) {
    return new URL(path, location.href).href.replace(/^http/, 'ws');
}

/**
 * Connects to a gateway. Handlers: on(event, fn) for frames; onOpen, onClose(closeEvent, text).
 * request(event, data) returns a promise of the reply (rejected with the error frame's message);
 * stream(event, data, onItem) returns {id, done: promise, cancel()}.
 */
class Gateway {
    constructor(path, protocols) {
        this.handlers = {};
        this.pending = new Map();
        this.streams = new Map();
        this.nextId = 1;
        this.opened = false;
        this.socket = protocols ? new WebSocket(gatewayUrl(path), protocols) : new WebSocket(gatewayUrl(path));
        this.socket.onopen = () => { this.opened = true; if (this.onOpen) this.onOpen(); };
        this.socket.onclose = e => {
            const text = describeClose(e);
            for (const p of this.pending.values()) p.reject(new Error(text));
            for (const s of this.streams.values()) s.reject(new Error(text));
            this.pending.clear();
            this.streams.clear();
            if (this.onClose) this.onClose(e, text, this.opened);
        };
        this.socket.onmessage = e => this.dispatch(JSON.parse(e.data));
    }

    on(event, fn) { this.handlers[event] = fn; return this; }

    send(event, data, id) {
        const frame = { event: event, data: data };
        if (id !== undefined) frame.id = id;
        this.socket.send(JSON.stringify(frame));
    }

    request(event, data) {
        const id = String(this.nextId++);
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.send(event, data, id);
        });
    }

    stream(event, data, onItem) {
        const id = String(this.nextId++);
        let settle;
        const done = new Promise((resolve, reject) => { settle = { resolve, reject }; });
        this.streams.set(id, { onItem, resolve: settle.resolve, reject: settle.reject });
        this.send(event, data, id);
        return {
            id: id,
            done: done,
            cancel: () => {
                if (this.streams.delete(id)) {
                    this.socket.send(JSON.stringify({ event: event, id: id, cancel: true }));
                    settle.resolve('cancelled');
                }
            }
        };
    }

    dispatch(frame) {
        const id = frame.id === undefined || frame.id === null ? null : String(frame.id);
        if (id !== null && this.streams.has(id)) {
            const s = this.streams.get(id);
            if (frame.event === 'exception') { this.streams.delete(id); s.reject(new Error(errorText(frame))); }
            else if (frame.end) { this.streams.delete(id); s.resolve('ended'); }
            else s.onItem(frame.data);
            return;
        }
        if (id !== null && this.pending.has(id)) {
            const p = this.pending.get(id);
            this.pending.delete(id);
            if (frame.event === 'exception') p.reject(new Error(errorText(frame)));
            else p.resolve(frame.data);
            return;
        }
        const handler = this.handlers[frame.event];
        if (handler) handler(frame.data, frame);
    }

    close() { this.socket.close(1000); }
}

/** The message of an error frame, with the violations of a VALIDATION_FAILED one. */
function errorText(frame) {
    const d = frame.data || {};
    if (typeof d === 'string') return d;
    let text = d.message || 'Error';
    if (d.violations && d.violations.length) text = d.violations.map(v => v.message).join('; ');
    return text;
}

/** Shows a status line: kind is 'ok', 'error' or ''. */
function setStatus(element, text, kind) {
    element.textContent = text;
    element.className = 'status' + (kind ? ' ' + kind : '');
}
