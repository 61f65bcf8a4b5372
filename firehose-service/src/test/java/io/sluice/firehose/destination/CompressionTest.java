package io.sluice.firehose.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyFramedInputStream;

class CompressionTest {

    /** About 3 MiB of JSON lines: many 64 KiB blocks, so that GZIP's blocks are compressed in parallel. */
    private static byte[] records() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 3 * 1024 * 1024) {
            text.append("{\"ticker_symbol\":\"T").append(random.nextInt(500)).append("\",\"price\":").append(random.nextInt(100_000))
                    .append(",\"note\":\"").append(Long.toString(random.nextLong(), 36)).append("\"}\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] compress(Compression compression, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compression.wrap(bytes, "entry")) {
            // Written record by record, as delivery writes them.
            for (int from = 0; from < data.length; from += 1000) {
                out.write(data, from, Math.min(1000, data.length - from));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void gzipIsOneStandardMemberWhoseTrailerCoversEveryByte() throws IOException {
        byte[] data = records();
        byte[] gzip = compress(Compression.GZIP, data);

        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes()).isEqualTo(data);
        assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
        assertThat(gzip[1] & 0xff).isEqualTo(0x8b);
        // One member: a raw inflater started after the 10-byte header ends exactly before the 8-byte trailer.
        Inflater inflater = new Inflater(true);
        inflater.setInput(gzip, 10, gzip.length - 10);
        byte[] out = new byte[data.length + 1];
        int inflated;
        try {
            inflated = inflater.inflate(out);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
        assertThat(inflater.finished()).isTrue();
        assertThat(inflated).isEqualTo(data.length);
        assertThat(inflater.getRemaining()).isEqualTo(8);
        ByteBuffer trailer = ByteBuffer.wrap(gzip, gzip.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(data);
        assertThat(trailer.getInt() & 0xffffffffL).isEqualTo(crc.getValue());
        assertThat(trailer.getInt()).isEqualTo(data.length);
        assertThat(gzip.length).isLessThan(data.length / 2);
    }

    @Test
    void everyFormatGivesBackWhatWasWritten() throws IOException {
        byte[] data = records();
        assertThat(compress(Compression.UNCOMPRESSED, data)).isEqualTo(data);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(compress(Compression.ZIP, data)))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("entry");
            assertThat(zip.readAllBytes()).isEqualTo(data);
            assertThat(zip.getNextEntry()).isNull();
        }
        try (InputStream snappy = new SnappyFramedInputStream(new ByteArrayInputStream(compress(Compression.SNAPPY, data)))) {
            assertThat(snappy.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void wireNamesAndExtensionsAreFirehoses() {
        assertThat(Compression.of(null)).isEqualTo(Compression.UNCOMPRESSED);
        assertThat(Compression.of("Snappy")).isEqualTo(Compression.SNAPPY);
        assertThat(Compression.of("GZIP").extension()).isEqualTo(".gz");
        assertThat(Compression.of("HADOOP_SNAPPY").extension()).isEqualTo(".hsnappy");
    }
}
