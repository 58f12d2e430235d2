package io.trays3.model;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static io.trays3.support.TestBytes.MIB;
import static io.trays3.support.TestBytes.md5;
import static io.trays3.support.TestBytes.random;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MD5 of a download, in line or on a worker, equals the JDK's MD5 of the same bytes however the reader hands them
 * over: single bytes, buffers it reuses at once, or ranges of an array that stays as it is.
 */
class DownloadMd5Test {

    @Test
    void aReusedBufferIsCopiedBeforeTheReaderOverwritesIt() throws Exception {
        byte[] content = random(9 * MIB + 123, 1);
        DownloadMd5 md5 = new DownloadMd5((long) content.length);
        byte[] buffer = new byte[8192];
        for (int offset = 0; offset < content.length; offset += buffer.length) {
            int n = Math.min(buffer.length, content.length - offset);
            System.arraycopy(content, offset, buffer, 0, n);
            md5.update(buffer, 0, n);
            // what a reader does next with its buffer: the hash must not see it
            Arrays.fill(buffer, (byte) 0x5a);
        }
        assertThat(md5.hex()).isEqualTo(md5(content));
    }

    @Test
    void mixedHandOversOfEverySizeGiveTheJdksMd5() throws Exception {
        Random random = new Random(42);
        long[] lengths = {0, 1, DownloadMd5.IN_LINE_BELOW - 1, DownloadMd5.IN_LINE_BELOW, 3L * DownloadMd5.CHUNK + 17,
                          6L * MIB + 1};
        for (long length : lengths) {
            for (Long announced : new Long[] {length, null}) {
                byte[] content = random((int) length, (int) length);
                DownloadMd5 md5 = new DownloadMd5(announced);
                int offset = 0;
                while (offset < content.length) {
                    int n = Math.min(content.length - offset, 1 + random.nextInt(3 * DownloadMd5.CHUNK));
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            md5.update(content[offset]);
                            n = 1;
                        }
                        case 1 -> md5.update(content.clone(), offset, n);
                        default -> md5.updateStable(content, offset, n);
                    }
                    offset += n;
                }
                assertThat(md5.hex()).as("%d bytes, length %s", length, announced).isEqualTo(md5(content));
            }
        }
    }

    @Test
    void aStableArrayFilledPieceByPieceIsHashedWhereItIs() throws Exception {
        byte[] content = random(5 * MIB, 3);
        byte[] array = new byte[content.length];
        DownloadMd5 md5 = new DownloadMd5((long) content.length);
        for (int offset = 0; offset < content.length; offset += 65_536) {
            int n = Math.min(65_536, content.length - offset);
            System.arraycopy(content, offset, array, offset, n);
            md5.updateStable(array, offset, n);
        }
        assertThat(md5.hex()).isEqualTo(md5(content));
    }
}
