package io.agentmeter.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.service.http.ErrorMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void shouldReadABodyUpToTheLimit() {
        byte[] body = new byte[5000];
        assertThat(BodyReader.read(new ByteArrayInputStream(body), BodyReader.Encoding.IDENTITY, -1, 5000))
                .hasSize(5000);
        assertThat(BodyReader.read(new ByteArrayInputStream(body), BodyReader.Encoding.IDENTITY, 5000, 5000))
                .hasSize(5000);
    }

    @Test
    void shouldRefuseABodyOverTheLimitWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> BodyReader.read(endless, BodyReader.Encoding.IDENTITY, -1, 4096))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.errors().get(0).path()).isEqualTo("body");
                });
        assertThatThrownBy(() -> BodyReader.read(endless, BodyReader.Encoding.IDENTITY, 4097, 4096))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("Content-Length"));
    }

    @Test
    void shouldInflateGzipAndBoundTheInflatedSize() throws IOException {
        byte[] text = "{\"a\": 1}".repeat(100).getBytes();
        assertThat(BodyReader.read(new ByteArrayInputStream(gzip(text)), BodyReader.Encoding.GZIP, -1, 4096))
                .isEqualTo(text);
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(4096 * 4);
        assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(bomb), BodyReader.Encoding.GZIP, -1, 64 * 1024))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("inflates to more than 65536 bytes");
                });
    }

    @Test
    void shouldRejectCorruptOrTruncatedGzip() throws IOException {
        assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream("plain".getBytes()),
                BodyReader.Encoding.GZIP, -1, 4096))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_gzip"));
        byte[] zipped = gzip("{\"a\": 1}".repeat(50).getBytes());
        byte[] truncated = java.util.Arrays.copyOf(zipped, zipped.length - 12);
        assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(truncated), BodyReader.Encoding.GZIP, -1, 4096))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_gzip"));
    }

    @Test
    void shouldRejectAnEmptyBody() {
        assertThatThrownBy(() -> BodyReader.read(new ByteArrayInputStream(new byte[0]), BodyReader.Encoding.IDENTITY,
                -1, 4096))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("empty_body"));
    }

    @Test
    void shouldKnowOnlyGzipAndIdentity() {
        assertThat(BodyReader.encoding(null)).isEqualTo(BodyReader.Encoding.IDENTITY);
        assertThat(BodyReader.encoding(" GZIP ")).isEqualTo(BodyReader.Encoding.GZIP);
        assertThat(BodyReader.encoding("x-gzip")).isEqualTo(BodyReader.Encoding.GZIP);
        assertThatThrownBy(() -> BodyReader.encoding("deflate"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.errors().get(0).path()).isEqualTo("Content-Encoding");
                });
    }

    @Test
    void shouldRoundRetryAfterUpToWholeSeconds() {
        assertThat(ErrorMapper.retryAfterSeconds(java.time.Duration.ofMillis(1))).isEqualTo(1);
        assertThat(ErrorMapper.retryAfterSeconds(java.time.Duration.ofMillis(4001))).isEqualTo(5);
        assertThat(ErrorMapper.retryAfterSeconds(java.time.Duration.ZERO)).isEqualTo(1);
    }
}
