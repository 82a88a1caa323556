// The dashboard's (and the chat widget's) live channel, as the parts that publish to it see it.
// Implemented on the realtime broker (realtime/internal.ts), so it reaches every node when there
// are several (REDIS_URL). Leads, chat and accounts know only this.
export interface LivePublisher {
  /** The app key a dashboard or a visitor's chat connects with (/app/{key}). */
  readonly appKey: string;
  accountChannel(accountId: string): string;
  chatChannel(conversationId: string): string;
  /** The channel signature that lets this socket into that channel; callers check it is theirs first. */
  sign(socketId: string, channel: string): string;
  /** Pushes an event to every dashboard tab of the account. */
  toAccount(accountId: string, event: string, data: unknown): void;
  /** Pushes an event to the visitor's side of a chat. */
  toChat(conversationId: string, event: string, data: unknown): void;
  /** After a logout or the account's deletion: its sockets must authorize again. */
  closeAccount(accountId: string): void;
  /** Whether someone has the account's dashboard open, on any node (false when that cannot be known now). */
  operatorsOnline(accountId: string): Promise<boolean>;
}
