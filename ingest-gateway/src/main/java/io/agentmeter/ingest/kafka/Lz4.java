package io.agentmeter.ingest.kafka;

import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Lets Kafka's lz4 codec use lz4-java's native compressor. {@code LZ4Factory.fastestInstance()}, which Kafka calls,
 * picks the native (JNI) implementation only when the library is already loaded or lz4-java sits on the system class
 * loader; under Quarkus it is not, so Kafka would compress with the pure-Java "safe" implementation, about three
 * times slower, on the request threads. Loading the native library first fixes that. The gateway only compresses
 * its own records; nothing untrusted is decompressed with it.
 */
public final class Lz4 {

    private static final Logger LOG = Logger.getLogger(Lz4.class);

    private Lz4() {
    }

    /** Loads the native lz4 library if this platform has one; the pure-Java one stays in use otherwise. */
    public static void preferNative() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable e) {
            LOG.debugf("no native lz4 on this platform (%s); Kafka compresses with pure Java", e.toString());
        }
        LOG.debugf("Kafka lz4 compression uses %s", LZ4Factory.fastestInstance());
    }
}
