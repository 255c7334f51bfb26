import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WsResponse,
} from '@nestjs/websockets';
import { WebSocket } from 'ws';

/**
 * The bench protocol as a NestJS gateway on @nestjs/platform-ws: the same frames as the Java bench gateway.
 *
 * The WsAdapter has no rooms, so they are kept here: a set of sockets per room, and the rooms of each socket so that a
 * closed one leaves them. A handler's return value is sent back as it is (JSON.stringify), so the replies are
 * {event, data} objects. The adapter gives a handler only the frame's "data"; the message parser set in main.ts hands
 * it the whole frame instead, so that the echo can answer a request that carries an "id" with that id.
 */
@WebSocketGateway({ path: '/bench' })
export class BenchGateway implements OnGatewayDisconnect {
  private readonly rooms = new Map<string, Set<WebSocket>>();
  private readonly joined = new Map<WebSocket, Set<string>>();

  /** {"event":"echo","data":X} back to the sender; {"event":"echo","data":X,"id":ID} when the request had an id. */
  @SubscribeMessage('echo')
  echo(@MessageBody('data') data: unknown, @MessageBody('id') id?: number): WsResponse<unknown> & { id?: number } {
    return id === undefined ? { event: 'echo', data } : { event: 'echo', data, id };
  }

  /** Joins the room; answers {"event":"joined","data":ROOM}. */
  @SubscribeMessage('join')
  join(@MessageBody('data') room: string, @ConnectedSocket() client: WebSocket): WsResponse<string> {
    let members = this.rooms.get(room);
    if (!members) {
      members = new Set();
      this.rooms.set(room, members);
    }
    members.add(client);
    let rooms = this.joined.get(client);
    if (!rooms) {
      rooms = new Set();
      this.joined.set(client, rooms);
    }
    rooms.add(room);
    return { event: 'joined', data: room };
  }

  /** {"event":"message","data":P} to every member of the room, the sender included: serialized once. */
  @SubscribeMessage('broadcast')
  broadcast(@MessageBody('data') { room, payload }: { room: string; payload: unknown }): void {
    const members = this.rooms.get(room);
    if (!members) {
      return;
    }
    const text = JSON.stringify({ event: 'message', data: payload });
    for (const member of members) {
      if (member.readyState === WebSocket.OPEN) {
        member.send(text);
      }
    }
  }

  handleDisconnect(client: WebSocket): void {
    const rooms = this.joined.get(client);
    if (!rooms) {
      return;
    }
    this.joined.delete(client);
    for (const room of rooms) {
      const members = this.rooms.get(room);
      members?.delete(client);
      if (members?.size === 0) {
        this.rooms.delete(room);
      }
    }
  }
}
