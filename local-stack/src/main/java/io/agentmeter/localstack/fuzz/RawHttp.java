package io.agentmeter.localstack.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately minimal HTTP/1.1 client over a socket, one request per connection. {@code java.net.http} refuses
 * what a hostile client sends (bad percent escapes, raw non-ASCII bytes in the target, control characters in header
 * values); this writes the bytes it is given and reads back status, headers and body.
 */
final class RawHttp {

    /** What came back: status 0 when the server closed without answering. */
    record Answer(int status, Map<String, String> headers, byte[] body, long millis) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server did not answer within the bound: a hang. */
    static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message) {
            super(message);
        }
    }

    private static final int MAX_BODY = 1 << 20;

    private RawHttp() {
    }

    /** Sends {@code head} and {@code body}; {@code headRequest} for a HEAD, whose answer has no body to read. */
    static Answer send(String host, int port, byte[] head, byte[] body, boolean headRequest, Duration timeout)
            throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head);
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, 400) and close before reading a large body: read what it said.
            }
            InputStream in = socket.getInputStream();
            try {
                return read(in, start, headRequest);
            } catch (SocketTimeoutException e) {
                throw new NoAnswer("no complete answer within " + timeout.toMillis() + " ms");
            }
        }
    }

    private static Answer read(InputStream in, long start, boolean headRequest) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return new Answer(0, Map.of(), new byte[0], elapsed(start));
        }
        String[] parts = statusLine.split(" ", 3);
        int status = parts.length >= 2 ? Integer.parseInt(parts[1]) : 0;
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        String type = headers.getOrDefault("content-type", "");
        if (type.startsWith("text/event-stream") || headRequest || status == 204 || status == 304) {
            // A live stream never ends, and some answers have no body: the head is the answer.
            return new Answer(status, headers, new byte[0], elapsed(start));
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes((int) Math.min(MAX_BODY, Long.parseLong(headers.get("content-length"))));
        } else {
            body = in.readNBytes(MAX_BODY);
        }
        return new Answer(status, headers, body, elapsed(start));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < MAX_BODY) {
            String size = line(in);
            if (size == null) {
                break;
            }
            int length = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
            if (length == 0) {
                break;
            }
            body.write(in.readNBytes(length));
            line(in);
        }
        return body.toByteArray();
    }

    /** One CRLF-terminated line as ISO-8859-1, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
