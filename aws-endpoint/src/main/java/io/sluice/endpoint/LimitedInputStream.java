package io.sluice.endpoint;

import io.sluice.common.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;

/** A request body that may not pass the size limit, whatever its Content-Length said (or without one: chunked). */
public final class LimitedInputStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private long read;

    public LimitedInputStream(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw ErrorCode.REQUEST_TOO_LARGE.exception("Request body exceeds the limit of %d bytes.", limit);
        }
    }
}
