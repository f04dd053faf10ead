package io.agentmeter.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes API keys and their stored form: keys are random, only their SHA-256 (hex) is kept. */
public final class ApiKeyHash {

    /** How many leading characters of a key are stored in clear, so operators can tell keys apart. */
    public static final int PREFIX_CHARS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ApiKeyHash() {
    }

    /** A new clear key: {@code am_ingest_} or {@code am_query_} and 256 random bits, base64url. */
    public static String newKey(KeyKind kind) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "am_" + kind.value() + "_" + BASE64URL.encodeToString(secret);
    }

    /** A new key id (not secret): {@code key_} and 96 random bits, hex. */
    public static String newKeyId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return "key_" + HexFormat.of().formatHex(id);
    }

    /** SHA-256 of the key's UTF-8 bytes, lower-case hex: what {@code api_keys.key_hash} holds. */
    public static String sha256Hex(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String prefixOf(String key) {
        return key.substring(0, Math.min(PREFIX_CHARS, key.length()));
    }
}
