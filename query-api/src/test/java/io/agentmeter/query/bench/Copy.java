package io.agentmeter.query.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** One COPY ... FROM STDIN (text format) on its own connection, buffered. */
final class Copy implements AutoCloseable {

    private final Connection connection;
    private final CopyIn copy;
    private final StringBuilder row = new StringBuilder(512);
    private final StringBuilder buffer = new StringBuilder(1 << 20);
    private boolean first = true;
    private long rows;

    Copy(Connection connection, String table, String columns) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
    }

    Copy add(Object value) {
        if (!first) {
            row.append('\t');
        }
        first = false;
        if (value == null) {
            row.append("\\N");
        } else if (value instanceof BigDecimal d) {
            row.append(d.toPlainString());
        } else if (value instanceof Instant t) {
            row.append(t);
        } else if (value instanceof byte[] bytes) {
            row.append("\\\\x");
            for (byte b : bytes) {
                row.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> row.append("\\\\");
                    case '\t' -> row.append("\\t");
                    case '\n' -> row.append("\\n");
                    case '\r' -> row.append("\\r");
                    default -> row.append(c);
                }
            }
        }
        return this;
    }

    void end() throws SQLException {
        buffer.append(row).append('\n');
        row.setLength(0);
        first = true;
        rows++;
        if (buffer.length() > (1 << 20) - 4096) {
            flush();
        }
    }

    long rows() {
        return rows;
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    @Override
    public void close() throws SQLException {
        flush();
        copy.endCopy();
        connection.close();
    }
}
