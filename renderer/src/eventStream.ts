// Reads a text/event-stream (the server-sent events format) from a fetch body: what EventSource does, for a
// request that must carry an Authorization header, which EventSource cannot send.

export interface StreamHandlers {
  /** One dispatched event: its data (the lines joined), and the last id seen so far. */
  onEvent(data: string, lastEventId: string | undefined): void;
  /** An id with no data: the resume point moved without an event. */
  onId(lastEventId: string): void;
  onRetry(ms: number): void;
}

/** Resolves when the stream ends (or rejects when the connection breaks). */
export async function readEventStream(body: ReadableStream<Uint8Array>, handlers: StreamHandlers): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let id: string | undefined;

  const field = (line: string) => {
    if (line === '') {
      if (data.length) handlers.onEvent(data.join('\n'), id);
      else if (id !== undefined) handlers.onId(id);
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') data.push(value);
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^\d+$/.test(value)) handlers.onRetry(Number(value));
  };

  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    lines.forEach(field);
  }
}
