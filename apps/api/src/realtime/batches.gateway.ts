import { Inject } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { PinoLogger } from 'nestjs-pino';
import type { Namespace, Socket } from 'socket.io';

import {
  BATCHES_NAMESPACE,
  REALTIME_REQUESTS,
  type BatchSubscribeAnswer,
  type ListSubscribeAnswer,
  type UnsubscribeAnswer,
} from '@sluice/shared';

import { clientAddressOf, compileProxyTrust } from '../common/auth/client-address';
import { Public } from '../common/auth/public.decorator';
import { SignInLimiter } from '../common/auth/sign-in-limiter';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { BatchListService } from './batch-list.service';
import { BatchProgressService } from './batch-progress.service';
import { refusal, replyTo } from './realtime-answers';
import { authenticateSocket } from './socket-auth';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Live progress over Socket.IO. Connections authenticate once, in the handshake; the global
 * HTTP guard reads headers sockets do not send per message, hence `@Public()` here.
 */
@Public()
@WebSocketGateway({ namespace: BATCHES_NAMESPACE })
export class BatchesGateway implements OnGatewayInit<Namespace> {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly progress: BatchProgressService,
    private readonly list: BatchListService,
    private readonly logger: PinoLogger,
    private readonly limiter: SignInLimiter,
  ) {
    this.logger.setContext(BatchesGateway.name);
  }

  afterInit(server: Namespace): void {
    const trust = compileProxyTrust(this.config.trustProxy);
    server.use(
      authenticateSocket({
        expectedToken: this.config.apiToken,
        limiter: this.limiter,
        addressOf: (socket) => clientAddressOf(socket.request, trust),
        onRefused: () => this.logger.warn('Socket auth refused'),
      }),
    );
    this.progress.attach(server);
    this.list.attach(server);
  }

  @SubscribeMessage(REALTIME_REQUESTS.subscribe)
  subscribe(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
    @Ack() ack: unknown,
  ): void {
    const reply = replyTo<BatchSubscribeAnswer>(ack);
    const batchId = readBatchId(body);
    if (!batchId) return reply(refusal('VALIDATION_FAILED', 'A batch id (UUID) is required'));
    void this.progress.subscribe(socket, batchId, reply);
  }

  @SubscribeMessage(REALTIME_REQUESTS.unsubscribe)
  unsubscribe(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
    @Ack() ack: unknown,
  ): void {
    const reply = replyTo<UnsubscribeAnswer>(ack);
    const batchId = readBatchId(body);
    if (!batchId) return reply(refusal('VALIDATION_FAILED', 'A batch id (UUID) is required'));
    this.progress.unsubscribe(socket, batchId);
    reply({ ok: true });
  }

  @SubscribeMessage(REALTIME_REQUESTS.subscribeList)
  subscribeList(@ConnectedSocket() socket: Socket, @Ack() ack: unknown): void {
    void this.list.subscribe(socket, replyTo<ListSubscribeAnswer>(ack));
  }

  @SubscribeMessage(REALTIME_REQUESTS.unsubscribeList)
  unsubscribeList(@ConnectedSocket() socket: Socket, @Ack() ack: unknown): void {
    this.list.unsubscribe(socket);
    replyTo<UnsubscribeAnswer>(ack)({ ok: true });
  }
}

function readBatchId(body: unknown): string | null {
  const batchId = (body as { batchId?: unknown } | null)?.batchId;

  return typeof batchId === 'string' && UUID_V4.test(batchId) ? batchId : null;
}
