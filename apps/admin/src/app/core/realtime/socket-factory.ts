import { InjectionToken } from '@angular/core';
import { ManagerOptions, SocketOptions, io } from 'socket.io-client';

/** Called with the server's answer, or with an error when none came in time. */
export type Ack = (error: Error | null, answer: unknown) => void;

/** The part of a socket.io-client socket the console uses; tests stand in for it. */
export interface GatewaySocket {
  readonly connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  /** Emits with an acknowledgement: the last argument, called with an error on timeout. */
  timeout(ms: number): { emit(event: string, ...args: [...payload: unknown[], ack: Ack]): unknown };
  disconnect(): unknown;
}

/** Opens a socket to a namespace of the API's own origin. */
export type SocketFactory = (
  namespace: string,
  options: Partial<ManagerOptions & SocketOptions>,
) => GatewaySocket;

/** How the console opens sockets; socket.io-client unless a test provides a fake. */
export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (namespace, options) => io(namespace, options),
});
