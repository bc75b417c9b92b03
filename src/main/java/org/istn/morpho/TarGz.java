package org.istn.morpho;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader of gzipped POSIX (ustar) tar archives, as {@code npm pack} writes them: it
 * walks the 512-byte headers and hands each regular file's name and content to a visitor. Other
 * entry types (folders, links, pax headers) are skipped.
 */
final class TarGz {

    private static final int BLOCK = 512;

    /** Receives the regular files of an archive. */
    @FunctionalInterface
    interface Visitor {
        /** Called with a file's path inside the archive and its content. */
        void file(String name, byte[] content) throws IOException;
    }

    private TarGz() {}

    /**
     * Reads every regular file of {@code archive}.
     *
     * @throws MorphoMnistException naming the archive when it is not a valid gzipped tar
     */
    static void read(Path archive, Visitor visitor) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (true) {
                if (!readFully(in, header)) {
                    return; // end of stream without end-of-archive blocks: accepted, as tar does
                }
                if (allZero(header)) {
                    return;
                }
                String name = string(header, 0, 100);
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = octal(archive, header, 124, 12, name);
                char type = (char) header[156];
                if (size > Integer.MAX_VALUE - 8) {
                    throw new MorphoMnistException(archive + ": tar entry " + name + " has " + size
                            + " bytes, more than this reader supports");
                }
                byte[] content = new byte[(int) size];
                if (!readFully(in, content)) {
                    throw new MorphoMnistException(archive + ": truncated tar archive inside entry " + name);
                }
                int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
                if (pad > 0 && !readFully(in, new byte[pad])) {
                    throw new MorphoMnistException(archive + ": truncated tar archive after entry " + name);
                }
                if (type == '0' || type == '\0') {
                    visitor.file(name, content);
                }
            }
        } catch (EOFException e) {
            throw new MorphoMnistException(archive + ": truncated gzip data (" + e.getMessage() + ")", e);
        } catch (java.util.zip.ZipException e) {
            throw new MorphoMnistException(archive + ": not a gzipped tar archive (" + e.getMessage() + ")", e);
        }
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new EOFException("stream ended after " + off + " of " + buf.length + " bytes");
            }
            off += n;
        }
        return true;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(Path archive, byte[] b, int off, int len, String name) throws MorphoMnistException {
        if ((b[off] & 0x80) != 0) {
            throw new MorphoMnistException(archive + ": tar entry " + name + " uses a binary size field,"
                    + " which this reader does not support");
        }
        String s = string(b, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new MorphoMnistException(archive + ": bad tar header of entry " + name + ": size '" + s
                    + "' is not an octal number");
        }
    }
}
