package io.agentmeter.query.live;

import io.agentmeter.query.http.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a turn sits in the order turns were stored: its transaction id and its number in {@code turns_stored_seq}
 * (V9). Written as {@code <tx>-<seq>}: the {@code id:} of a {@code turn} event, and what a client sends back as
 * {@code Last-Event-ID} to resume after it.
 */
public record StoredPosition(long tx, long seq) implements Comparable<StoredPosition> {

    public static final String HEADER = "Last-Event-ID";
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})-(\\d{1,18})");

    /** The position of {@code text}, or a 400 naming the header. */
    public static StoredPosition parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw ApiException.badParameter(HEADER, "must be the id of a turn event of this stream (<digits>-<digits>),"
                    + " got \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"");
        }
        return new StoredPosition(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public int compareTo(StoredPosition other) {
        int byTx = Long.compare(tx, other.tx);
        return byTx != 0 ? byTx : Long.compare(seq, other.seq);
    }

    @Override
    public String toString() {
        return tx + "-" + seq;
    }
}
