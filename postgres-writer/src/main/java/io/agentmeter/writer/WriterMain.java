package io.agentmeter.writer;

import io.agentmeter.runtime.ServiceMain;

/**
 * Runs the writer as a plain Java process, configured by {@code AGENTMETER_*} environment variables (see
 * {@link WriterConfig} and docs/writer.md). Stops cleanly on SIGTERM; survives SIGKILL by design: offsets are
 * committed only after a batch's transaction, and a batch written again is a no-op (the {@code turn_keys} guard).
 */
public final class WriterMain {

    private WriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceMain.run(WriterConfig::fromEnvironment, Writer::start);
    }
}
