package io.sluice.firehose.conversion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.processing.RecordProcessing;
import io.sluice.firehose.schema.TableSchema;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * DataFormatConversion of one delivery stream version: each record is read against the table as it
 * arrives (one that does not fit becomes a {@code format-conversion-failed} document) and kept as
 * it is, length-prefixed, in the buffer file; when the buffer is delivered, that file is read back
 * and written as one Parquet or ORC file. Only one columnar writer is open at a time, however many
 * buffers a round has, so memory stays one writer's row group.
 */
public final class RecordConversion {
    public static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataFormatConversion conversion;
    private final TableSchema table;
    private final JsonRows rows;
    private final String accountId;
    private final String region;
    private final Clock clock;

    /**
     * @param table the table the configuration names, null when the catalogue has none (every
     *     record then fails conversion)
     */
    public RecordConversion(DataFormatConversion conversion, TableSchema table, String accountId, String region, Clock clock) {
        this.conversion = conversion;
        this.table = table;
        this.rows = table == null ? null : new JsonRows(table, conversion);
        this.accountId = accountId;
        this.region = region;
        this.clock = clock;
    }

    public DataFormatConversion configuration() {
        return conversion;
    }

    /** The output itself when it fits the table, or the error document that replaces it. */
    public RecordProcessing.Output check(RecordProcessing.Output output) {
        try {
            if (rows == null) {
                throw new ConversionException("Table " + conversion.table() + " of database " + conversion.database()
                        + " is not in the schema catalogue.");
            }
            rows.read(output.data());
            return output;
        } catch (ConversionException e) {
            return failure(output, e.getMessage());
        }
    }

    private RecordProcessing.Output failure(RecordProcessing.Output output, String message) {
        ObjectNode doc = JSON.createObjectNode()
                .put("attemptsMade", 1)
                .put("arrivalTimestamp", output.arrivalMillis())
                .put("ErrorCode", rows == null ? "DataFormatConversion.InvalidSchema" : "DataFormatConversion.MalformedData")
                .put("ErrorMessage", message)
                .put("attemptEndingTimestamp", clock.millis())
                .put("rawData", Base64.getEncoder().encodeToString(output.data()))
                .put("sequenceNumber", String.valueOf(output.offset()))
                .put("subSequenceNumber", 0);
        doc.putObject("dataCatalogTable")
                .put("catalogId", accountId)
                .put("databaseName", conversion.database())
                .put("tableName", conversion.table())
                .put("region", region)
                .put("versionId", table == null ? "LATEST" : String.valueOf(table.versionId()))
                .put("catalogArn", "arn:aws:glue:" + region + ":" + accountId + ":catalog");
        byte[] line = (doc.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        return new RecordProcessing.Output(output.offset(), output.arrivalMillis(), line, Map.of(), FORMAT_CONVERSION_FAILED);
    }

    /**
     * Writes the records of a buffer file (each prefixed by its length) as one columnar file next to it.
     *
     * @return the columnar file
     */
    public Path encode(Path buffer) throws IOException {
        Path out = buffer.resolveSibling(buffer.getFileName() + conversion.extension());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(buffer), 64 * 1024));
                ColumnarWriter writer = ColumnarWriter.open(out, rows, conversion)) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                byte[] record = in.readNBytes(length);
                try {
                    writer.write(rows.read(record));
                } catch (ConversionException e) {
                    throw new IOException("A record checked on arrival no longer fits table " + conversion.table() + ": " + e.getMessage());
                }
            }
        }
        return out;
    }
}
