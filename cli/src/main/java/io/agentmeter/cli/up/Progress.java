package io.agentmeter.cli.up;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * Start-up progress, one line a part: {@code "  kafka        ✓   1.9 s  127.0.0.1:9092"}. The name is printed when the
 * part starts and the rest when it is ready, so a slow part shows what is being waited for.
 */
public class Progress {

    /** Prints nothing. */
    public static final Progress SILENT = new Progress(null);

    private final PrintStream out;
    private final String ok;
    private final String failed;
    private boolean open;

    public Progress(PrintStream out) {
        this.out = out;
        boolean unicode = unicodeOutput();
        this.ok = unicode ? "✓" : "ok";
        this.failed = unicode ? "✗" : "FAILED";
    }

    public synchronized void begin(String part) {
        if (out == null) {
            return;
        }
        closeLine();
        out.printf(Locale.ROOT, "  %-12s ", part);
        out.flush();
        open = true;
    }

    public synchronized void done(double seconds, String detail) {
        if (out == null) {
            return;
        }
        out.printf(Locale.ROOT, "%s %5.1f s   %s%n", ok, seconds, detail);
        out.flush();
        open = false;
    }

    public synchronized void failed() {
        if (out == null) {
            return;
        }
        if (open) {
            out.println(failed);
            out.flush();
            open = false;
        }
    }

    /** A line of its own, e.g. a note about leftovers of an earlier run. */
    public synchronized void note(String text) {
        if (out == null) {
            return;
        }
        closeLine();
        out.println("  " + text);
        out.flush();
    }

    private void closeLine() {
        if (open) {
            out.println();
            open = false;
        }
    }

    /** ✓ only where standard output is UTF-8; "ok" on an ASCII terminal or in a POSIX-locale CI log. */
    private static boolean unicodeOutput() {
        String encoding = System.getProperty("sun.stdout.encoding",
                System.getProperty("native.encoding", Charset.defaultCharset().name()));
        return encoding != null && encoding.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8");
    }
}
