package io.sluice.firehose.conversion;

/** A record that does not fit the table: it goes to the format-conversion-failed output. */
public final class ConversionException extends Exception {
    public ConversionException(String message) {
        super(message, null, false, false);
    }
}
