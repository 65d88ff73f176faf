package io.leadscore.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file's lines, one at a time, each with the byte offset where the next begins: an import remembers that offset
 * and a re-run seeks to it, so a file of any size is neither held in memory nor read again from its start. A line
 * ends at LF (a CR before it is dropped); the last one may end at the end of the file.
 */
final class FileLines implements Closeable {
    /** A line's text, its number in the file (from 1) and the offset just past it. */
    record Line(long number, String text, long end) {
    }

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private long offset;
    private long number;

    private FileLines(InputStream in, long offset, long number) {
        this.in = in;
        this.offset = offset;
        this.number = number;
    }

    /** The lines after {@code offset}, where line {@code number} ended (0 and 0: from the start). */
    static FileLines from(Path file, long offset, long number) throws IOException {
        // A stream, not a channel: an interrupted thread (a stopped import) must not find its file closed under it.
        InputStream in = new FileInputStream(file.toFile());
        try {
            if (in.skip(offset) != offset) {
                throw new EOFException(file + " is shorter than the checkpoint's offset " + offset);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new FileLines(new BufferedInputStream(in, 1 << 16), offset, number);
    }

    /** The next line that is not blank, or null at the end of the file: blank lines hold no row. */
    Line nextFilled() throws IOException {
        Line line;
        do {
            line = next();
        } while (line != null && line.text().isBlank());
        return line;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        buffer.reset();
        int b;
        long start = offset;
        while ((b = in.read()) != -1) {
            offset++;
            if (b == '\n') {
                break;
            }
            buffer.write(b);
        }
        if (offset == start) {
            return null;
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new Line(++number, new String(bytes, 0, length, StandardCharsets.UTF_8), offset);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
