package io.trays3.model;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static io.trays3.support.TestBytes.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** readAllBytes fills one array of the announced length and still checks the length and the MD5 at the end. */
class ObjectContentReadAllTest {

    private static final byte[] BYTES = "0123456789abcdef".repeat(1000).getBytes();

    @Test
    void readsTheAnnouncedLengthAndChecksItsMd5() throws Exception {
        assertThat(content(BYTES, (long) BYTES.length, md5(BYTES)).readAllBytes()).isEqualTo(BYTES);
        assertThat(content(new byte[0], 0L, md5(new byte[0])).readAllBytes()).isEmpty();
    }

    @Test
    void aWrongMd5FailsTheRead() {
        byte[] other = BYTES.clone();
        other[7] = 'x';
        assertThatThrownBy(() -> content(other, (long) other.length, md5(BYTES)).readAllBytes())
                .isInstanceOf(UncheckedIOException.class).cause().hasMessageContaining("arrived corrupted");
    }

    @Test
    void aDownloadShorterThanAnnouncedFails() {
        assertThatThrownBy(() -> content(BYTES, BYTES.length + 10L, null).readAllBytes())
                .isInstanceOf(UncheckedIOException.class).cause()
                .hasMessageContaining("ended after " + BYTES.length + " of its " + (BYTES.length + 10));
    }

    @Test
    void aDownloadLongerThanAnnouncedFails() {
        assertThatThrownBy(() -> content(BYTES, 100L, null).readAllBytes())
                .isInstanceOf(UncheckedIOException.class).cause()
                .hasMessageContaining("ended after " + BYTES.length + " of its 100 bytes");
    }

    @Test
    void anUnknownLengthIsReadWhole() {
        assertThat(content(BYTES, null, null).readAllBytes()).isEqualTo(BYTES);
    }

    private static ObjectContent content(byte[] sent, Long announced, String md5) {
        ResponseInputStream<GetObjectResponse> download = new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(new ByteArrayInputStream(sent)));
        return new ObjectContent("b", "k", announced, "application/octet-stream", Map.of(), md5, download);
    }
}
