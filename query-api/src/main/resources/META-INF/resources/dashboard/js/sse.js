// A Server-Sent Events parser for a fetch() body (the WHATWG rules: lines end in CR, LF or CRLF; "event", "data",
// "id" fields; lines starting with ":" are comments; a blank line dispatches the event). EventSource would do this
// itself, but it cannot send an Authorization header.

export class SseParser {
  /** @param onEvent called with {name, id, data} for each event; onComment with each comment's text. */
  constructor(onEvent, onComment = () => {}) {
    this.onEvent = onEvent;
    this.onComment = onComment;
    this.decoder = new TextDecoder();
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.name = '';
    this.data = [];
    this.id = null;
  }

  /** Feeds a chunk of bytes (Uint8Array) as it arrived; a line or a character cut in two waits for the rest. */
  push(bytes) {
    this.buffer += this.decoder.decode(bytes, { stream: true });
    let start = 0;
    for (;;) {
      const cr = this.buffer.indexOf('\r', start);
      const lf = this.buffer.indexOf('\n', start);
      if (cr < 0 && lf < 0) break;
      let end;
      let next;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        // A CR at the very end may be the first half of CRLF: wait for the next chunk.
        if (cr === this.buffer.length - 1) break;
        end = cr;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else {
        end = lf;
        next = lf + 1;
      }
      this.line(this.buffer.slice(start, end));
      start = next;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(text) {
    if (text === '') {
      if (this.data.length) this.onEvent({ name: this.name || 'message', id: this.id, data: this.data.join('\n') });
      this.reset();
      return;
    }
    if (text.startsWith(':')) {
      this.onComment(text.slice(1).trim());
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.name = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}
