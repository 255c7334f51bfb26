// What the sample's pages share besides the client (vendor/cdigateway-client.js): readable close codes, error
// messages and the connection's state on the page.

const CLOSE_REASONS = {
    1000: 'Disconnected.',
    1001: 'The server is going away (shutting down or redeploying).',
    1003: 'The server does not accept this kind of data.',
    1006: 'The connection dropped.',
    1008: 'The server refused this page (policy, such as a cross-origin page).',
    1009: 'That message was too big for the server.',
    1011: 'The server hit an internal error.',
    1012: 'The server is restarting.',
    1013: 'This connection is too slow or the server is overloaded; try again later.',
    4401: 'You are not signed in.',
    4403: 'You are not allowed here.',
    4429: 'Too many messages; slow down.'
};

// tag::describe-close[]
/** A readable sentence for a close code: what it means, and the server's own reason if it gave one. */
export function describeClose({ code = 1006, reason = '' }) {
    const meaning = CLOSE_REASONS[code] || 'The connection closed.';
    return meaning + (reason ? ' ' + reason + '.' : '') + ' (code ' + code + ')';
}
// end::describe-close[]

/** The message of a failed request: the violations of a VALIDATION_FAILED error frame, else its message. */
export function errorText(error) {
    const violations = error.data && error.data.violations;
    return violations && violations.length ? violations.map(v => v.message).join('; ') : error.message;
}

/** Shows a status line: kind is 'ok', 'error' or ''. */
export function setStatus(element, text, kind) {
    element.textContent = text;
    element.className = 'status' + (kind ? ' ' + kind : '');
}

// tag::connection[]
/**
 * Shows the client's state in `element`, as its onStateChange: a short label, the state in data-state, how many
 * times the connection came back in data-reconnects, and what happened in its title (the tooltip).
 */
export function showConnection(element) {
    let reconnects = 0;
    let lost = '';
    return change => {
        element.dataset.state = change.state;
        element.className = 'connection ' + change.state;
        if (change.state === 'connecting') {
            element.textContent = 'Connecting…';
        } else if (change.state === 'reconnecting') {
            lost = describeClose(change);
            element.textContent = 'Reconnecting (attempt ' + change.attempt + ')…';
            element.title = 'Connection lost: ' + lost + ' Attempt ' + change.attempt + ' in '
                + (change.delay / 1000).toFixed(1) + ' s.';
        } else if (change.state === 'open') {
            if (change.previous === 'reconnecting') {
                element.dataset.reconnects = String(++reconnects);
            }
            element.textContent = reconnects ? 'Reconnected' : 'Connected';
            element.title = reconnects ? 'Connected again after: ' + lost : 'Connected.';
        } else {
            element.textContent = 'Closed (code ' + (change.code || 1006) + ')';
            element.title = describeClose(change);
        }
    };
}
// end::connection[]
