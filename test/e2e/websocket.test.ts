import { describe, expect, it } from 'vitest';
import {
  ApiGatewayManagementApiClient,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
  DeleteConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { connectionsPush } from '#adapters/realtime/connections-push';
import { pongMessage } from '#domain/realtime/messages';
import { connectionRegistry } from '#composition/realtime';
import { wsRoutes } from '../../lib/routes';
import { RefusedUpgrade, eventually, fixture, openSocket, useLocalCloud } from '../helpers/local-cloud';

const cloud = useLocalCloud({ routes: [], wsRoutes: [...wsRoutes, { routeKey: 'echo', handler: fixture('ws', 'echo'), needs: ['connections'] }] });

const management = () => new ApiGatewayManagementApiClient({ endpoint: cloud().env.WS_MANAGEMENT_ENDPOINT });
const connectAs = (token: string) => openSocket(`${cloud().wsUrl}?token=${token}`);
/** The registry is how the server side finds a user's connection ids. */
const connectionsOf = (userId: string) => eventually(() => connectionRegistry().connectionsOf(userId), (ids) => ids.length > 0);

describe('the WebSocket gateway', () => {
  it('answers {"action":"ping"} with a PONG pushed through @connections', async () => {
    const client = await connectAs('user-ping');
    client.send({ action: 'ping' });
    const pong = await client.next();
    expect(pong).toEqual({ type: 'PONG', ts: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    await client.close();
  });

  it('routes on $request.body.action and repeats the authorizer context on every message, as API Gateway does', async () => {
    const client = await connectAs('user-shape');
    client.send({ action: 'echo', n: 1 });
    const { event } = (await client.next()) as { event: { body: string; isBase64Encoded: boolean; requestContext: Record<string, unknown> } };
    expect(event.body).toBe('{"action":"echo","n":1}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext).toMatchObject({
      routeKey: 'echo',
      eventType: 'MESSAGE',
      messageDirection: 'IN',
      stage: 'local',
      connectionId: (await connectionsOf('shape'))[0],
      identity: { sourceIp: '127.0.0.1' },
      authorizer: { principalId: 'shape', userId: 'shape', role: 'USER', tier: 'GOLD' },
    });
    expect(event.requestContext.messageId).toEqual(expect.any(String));
    await client.close();
  });

  it('refuses a connection without a token (401) and one the authorizer denies (403)', async () => {
    await expect(openSocket(cloud().wsUrl)).rejects.toEqual(new RefusedUpgrade(401));
    await expect(connectAs('nonsense')).rejects.toEqual(new RefusedUpgrade(401));
    await expect(connectAs('deny-u1')).rejects.toEqual(new RefusedUpgrade(403));
  });

  it('routes a message without a known action to $default, which says so', async () => {
    const client = await connectAs('user-lost');
    client.send({ action: 'dance' });
    expect(await client.next()).toMatchObject({ type: 'ERROR', code: 'UNKNOWN_ACTION' });
    client.socket.send('not json');
    expect(await client.next()).toMatchObject({ type: 'ERROR', code: 'UNKNOWN_ACTION' });
    await client.close();
  });

  it('registers the connection for its user on $connect and forgets it on $disconnect', async () => {
    const client = await connectAs('user-reg');
    const [connectionId] = await connectionsOf('reg');
    expect(await connectionRegistry().userOf(connectionId ?? '')).toBe('reg');
    await client.close();
    await eventually(() => connectionRegistry().connectionsOf('reg'), (ids) => ids.length === 0);
  });

  it('serves the @connections API to the SDK: post, get and delete reach the live socket', async () => {
    const client = await connectAs('user-mgmt');
    const [connectionId] = await connectionsOf('mgmt');
    const api = management();
    await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify({ type: 'HELLO' }) }));
    expect(await client.next()).toEqual({ type: 'HELLO' });
    const info = await api.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(info.Identity?.SourceIp).toBe('127.0.0.1');
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    const closed = new Promise((resolve) => client.socket.once('close', resolve));
    await api.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    await closed;
    api.destroy();
  });

  it('answers 410 GoneException for an unknown or closed connection, which the push adapter reports as gone', async () => {
    const api = management();
    await expect(api.send(new PostToConnectionCommand({ ConnectionId: 'bm90LWEtY29ubg=', Data: '{}' }))).rejects.toBeInstanceOf(GoneException);

    const client = await connectAs('user-gone');
    const [connectionId] = await connectionsOf('gone');
    expect(await connectionsPush.send(connectionId ?? '', pongMessage(new Date()))).toBe('sent');
    await client.next();
    await client.close();
    await eventually(() => connectionsPush.send(connectionId ?? '', pongMessage(new Date())), (r) => r === 'gone');
    api.destroy();
  });
});
