package org.istn.io.nifti;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The byte source of one read: sniffs gzip from the first two bytes (0x1f 0x8b), never from a
 * file name, counts the bytes consumed, and turns gzip failures into
 * {@link NiftiFormatException}s that name the source. The caller's stream is never closed.
 */
final class NiftiInput {

    private static final int GZIP_BUFFER = 1 << 16;

    private final InputStream in;
    private final String source;
    private final boolean gzip;
    private long position;

    private NiftiInput(InputStream in, String source, boolean gzip) {
        this.in = in;
        this.source = source;
        this.gzip = gzip;
    }

    /** Opens {@code raw}, decompressing when it starts with the gzip magic. */
    static NiftiInput open(InputStream raw, String source) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(raw, 2);
        byte[] magic = pushback.readNBytes(2);
        pushback.unread(magic);
        boolean gz = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        if (!gz) {
            return new NiftiInput(pushback, source, false);
        }
        try {
            return new NiftiInput(new GZIPInputStream(pushback, GZIP_BUFFER), source, true);
        } catch (ZipException | EOFException e) {
            throw gzipError(source, e);
        }
    }

    /** @return true when the stream is gzip-compressed */
    boolean gzip() {
        return gzip;
    }

    /** @return the number of (uncompressed) bytes consumed so far */
    long position() {
        return position;
    }

    /**
     * Reads up to {@code len} bytes, fewer only at the end of the stream.
     *
     * @return the number of bytes read
     */
    int readFully(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.readNBytes(b, off, len);
            position += n;
            return n;
        } catch (ZipException | EOFException e) {
            throw gzipError(source, e);
        }
    }

    /**
     * Skips {@code n} bytes.
     *
     * @return the number skipped, fewer only at the end of the stream
     */
    long skipFully(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long done = 0;
        while (done < n) {
            int got = readFully(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (got == 0) {
                break;
            }
            done += got;
        }
        return done;
    }

    /**
     * Reads a gzip stream to its end so that its CRC and length trailer are checked: a flipped
     * byte inside a stored or lucky deflate block is only caught there.
     */
    void finish() throws IOException {
        if (!gzip) {
            return;
        }
        byte[] scratch = new byte[8192];
        try {
            while (in.read(scratch) >= 0) {
                // drain
            }
        } catch (ZipException | EOFException e) {
            throw gzipError(source, e);
        }
    }

    static NiftiFormatException gzipError(String source, IOException e) {
        String detail = e instanceof EOFException ? "unexpected end of stream" : e.getMessage();
        return new NiftiFormatException(source + ": corrupt or truncated gzip stream (" + detail
                + ")", e);
    }
}
