package nl.haven.dist;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A small reader of tar archives (ustar, with the PAX and GNU long-name extensions), enough to read an OCI image tarball
 * and its layers in a test without another library. Entries come in order; {@link #content} reads the current one.
 */
final class TarReader {
    /** One entry: its path (without a leading "./" or "/"), type flag, mode, owner and size. */
    record Entry(String path, char type, int mode, long uid, long gid, long size, String link) {
        boolean directory() {
            return type == '5';
        }

        boolean regular() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    Entry next() throws IOException {
        skip(remaining + padding);
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        while (true) {
            byte[] header = in.readNBytes(512);
            if (header.length < 512 || header[0] == 0) {
                return null;
            }
            String name = string(header, 0, 100);
            int mode = (int) octal(header, 100, 8);
            long uid = octal(header, 108, 8);
            long gid = octal(header, 116, 8);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String link = string(header, 157, 100);
            String prefix = "ustar".equals(string(header, 257, 5)) ? string(header, 345, 155) : "";
            if (type == 'x' || type == 'L') {
                byte[] data = in.readNBytes((int) size);
                skip(pad(size));
                if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                } else {
                    parsePax(new String(data, StandardCharsets.UTF_8), pax);
                }
                continue;
            }
            if (type == 'g') {
                skip(size + pad(size));
                continue;
            }
            String path = pax.getOrDefault("path", longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name);
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            if (pax.containsKey("uid")) {
                uid = Long.parseLong(pax.get("uid"));
            }
            if (pax.containsKey("gid")) {
                gid = Long.parseLong(pax.get("gid"));
            }
            remaining = size;
            padding = pad(size);
            return new Entry(normalise(path), type, mode, uid, gid, size, pax.getOrDefault("linkpath", link));
        }
    }

    /** The current entry's bytes (call once, after {@link #next}). */
    byte[] content() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long left = remaining;
        byte[] buffer = new byte[65536];
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("tar entry cut short");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
        remaining = 0;
        return out.toByteArray();
    }

    static String normalise(String path) {
        String result = path;
        while (result.startsWith("./") || result.startsWith("/")) {
            result = result.startsWith("./") ? result.substring(2) : result.substring(1);
        }
        return result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
    }

    private static void parsePax(String records, Map<String, String> pax) {
        int at = 0;
        while (at < records.length()) {
            int space = records.indexOf(' ', at);
            int length = Integer.parseInt(records.substring(at, space));
            String record = records.substring(space + 1, at + length - 1);
            int equals = record.indexOf('=');
            pax.put(record.substring(0, equals), record.substring(equals + 1));
            at += length;
        }
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar archive cut short");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static long pad(long size) {
        return (512 - size % 512) % 512;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String text = string(header, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }
}
