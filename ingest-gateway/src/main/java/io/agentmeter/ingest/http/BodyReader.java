package io.agentmeter.ingest.http;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory without ever holding more than the limit: the bytes as sent are counted while
 * they arrive, and a gzip body is inflated only up to the same limit, so a gzip bomb costs at most {@code maxBytes}
 * of memory and is answered 413.
 */
public final class BodyReader {

    private static final int FIRST_BUFFER = 16 * 1024;

    private BodyReader() {
    }

    /** How the body is encoded on the wire ({@code Content-Encoding}). */
    public enum Encoding { IDENTITY, GZIP }

    /**
     * The encoding named by a {@code Content-Encoding} header; absent, blank or {@code identity} is none.
     *
     * @throws ApiException 415 for anything but gzip or identity
     */
    public static Encoding encoding(String header) {
        if (header == null || header.isBlank()) {
            return Encoding.IDENTITY;
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "identity" -> Encoding.IDENTITY;
            case "gzip", "x-gzip" -> Encoding.GZIP;
            default -> throw ApiException.of(415, "unsupported_encoding", "Content-Encoding",
                    "must be gzip or identity, got " + quote(header));
        };
    }

    /**
     * The decoded body.
     *
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     * @throws ApiException 413 when the body as sent or as inflated exceeds {@code maxBytes}; 400 when a gzip body is
     *                      corrupt or the body is empty
     */
    public static byte[] read(InputStream body, Encoding encoding, long declaredLength, int maxBytes) {
        if (declaredLength > maxBytes) {
            throw tooLarge("is " + declaredLength + " bytes (Content-Length), at most " + maxBytes + " are accepted");
        }
        byte[] sent = readUpTo(body, maxBytes, declaredLength);
        if (sent == null) {
            throw tooLarge("is larger than " + maxBytes + " bytes, at most " + maxBytes + " are accepted");
        }
        byte[] decoded = encoding == Encoding.GZIP ? gunzip(sent, maxBytes) : sent;
        if (decoded.length == 0) {
            throw ApiException.badRequest("empty_body", "body", "is empty; send one or more turn events");
        }
        return decoded;
    }

    private static byte[] gunzip(byte[] sent, int maxBytes) {
        try (InputStream inflating = new GZIPInputStream(new ByteArrayInputStream(sent), 8192)) {
            byte[] inflated = readUpTo(inflating, maxBytes, -1);
            if (inflated == null) {
                throw tooLarge("inflates to more than " + maxBytes + " bytes (gzip), at most " + maxBytes
                        + " are accepted");
            }
            return inflated;
        } catch (ZipException | EOFException e) {
            throw ApiException.badRequest("invalid_gzip", "body",
                    "is not valid gzip (Content-Encoding: gzip): " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inflate the request body", e);
        }
    }

    /** Up to {@code limit} bytes of {@code in}, or null when it holds more. */
    static byte[] readUpTo(InputStream in, int limit, long sizeHint) {
        try {
            if (sizeHint >= 0 && sizeHint <= limit) {
                // Content-Length known: read exactly that much into a buffer of that size, then make sure it ends.
                byte[] exact = new byte[(int) sizeHint];
                int length = in.readNBytes(exact, 0, exact.length);
                if (length == exact.length && in.read() < 0) {
                    return exact;
                }
                if (length < exact.length) {
                    return Arrays.copyOf(exact, length);
                }
                return null;
            }
            byte[] buffer = new byte[Math.min(FIRST_BUFFER, limit) + 1];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length > limit) {
                        return null;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) limit + 1, buffer.length * 2L));
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    return Arrays.copyOf(buffer, length);
                }
                length += read;
                if (length > limit) {
                    return null;
                }
            }
        } catch (ZipException e) {
            throw ApiException.badRequest("invalid_gzip", "body",
                    "is not valid gzip (Content-Encoding: gzip): " + e.getMessage());
        } catch (EOFException e) {
            throw ApiException.badRequest("invalid_gzip", "body",
                    "ends before the gzip stream does (truncated?)");
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "body", "could not be read: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(String reason) {
        return ApiException.of(413, "payload_too_large", "body", reason);
    }

    private static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return "\"" + shown + "\"";
    }
}
