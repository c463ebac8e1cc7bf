import { InjectionToken } from '@angular/core';
import { ManagerOptions, SocketOptions, io } from 'socket.io-client';

/** The part of a socket.io-client socket the console uses; tests stand in for it. */
export interface GatewaySocket {
  readonly connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): {
    emit(
      event: string,
      payload: unknown,
      ack: (error: Error | null, answer: unknown) => void,
    ): unknown;
  };
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
