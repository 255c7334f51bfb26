#!/usr/bin/env bash
# Starts the conformance server of the Socket.IO adapter on 127.0.0.1:PORT and prints "READY PORT" once it serves:
# /socket.io/ and a bare Engine.IO echo at /engine.io/, at the root, over WebSocket and polling, with the settings
# of the public protocol test suites (see docs/howto/socketio.adoc). Builds what it needs first; stop it with Ctrl-C.
# Usage: gateway-socketio/conformance/run.sh PORT
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT="${1:?usage: $0 PORT}"
./mvnw -q -B -ntp test-compile dependency:build-classpath -pl gateway-socketio -am \
    -Dmdep.outputFile=target/conformance.classpath -Dmdep.includeScope=test > /dev/null
CP="gateway-socketio/target/test-classes:gateway-socketio/target/classes"
CP="$CP:$(cat gateway-socketio/target/conformance.classpath)"
exec java -cp "$CP" org.cdigateway.socketio.conformance.ConformanceServer "$PORT"
