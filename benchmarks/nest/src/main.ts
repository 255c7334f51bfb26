import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { AddressInfo } from 'net';
import { AppModule } from './app.module';

/**
 * The bench server: node dist/main.js --port N. Listens on 127.0.0.1:N (0: a free port) and serves the gateway at
 * ws://127.0.0.1:PORT/bench; prints "READY <port>" once it accepts connections.
 */
async function bootstrap(): Promise<void> {
  let port = 0;
  const args = process.argv.slice(2);
  for (let i = 0; i + 1 < args.length; i += 2) {
    if (args[i] !== '--port' || !/^\d+$/.test(args[i + 1])) {
      throw new Error(`Unknown option ${args[i]} ${args[i + 1]}; use --port N`);
    }
    port = Number(args[i + 1]);
  }
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  // The whole frame as the message body: {event, data} and, for a request that wants its answer tagged, {id}.
  app.useWebSocketAdapter(new WsAdapter(app, { messageParser: (data) => {
    const frame = JSON.parse(data.toString());
    return { event: frame.event, data: frame };
  } }));
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  console.log(`READY ${address.port}`);
}

bootstrap().catch((e) => {
  console.error(e);
  process.exit(1);
});
