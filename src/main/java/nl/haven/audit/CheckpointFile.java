package nl.haven.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checkpoint file: one JSON object a line, {@code {"seq":1000,"mac":"…","at":"…","prev":"…","signature":"…"}},
 * appended only. {@code prev} is the SHA-256 of the line before (the {@link AuditChain#GENESIS} for the first line)
 * and is signed with the rest, so the lines form a chain: removing or changing a line breaks the next one. Lines
 * without {@code prev} were written before the file was chained; they are still read (and a chained line may follow
 * them). Appends are serialised within this process and locked against other processes (the command line beside a
 * running server), and each reads the line it chains to under that lock.
 */
final class CheckpointFile {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    /** A line is about 300 bytes: the tail read to find the last one. */
    private static final int TAIL = 64 * 1024;
    private final Path file;
    /**
     * The hash of the last line this process wrote or found at the end of the file. If the file is then missing or
     * empty at the next append, it was removed or emptied under this process: the new first line chains to the line
     * that was last, not to the genesis, so the next verification reports the break instead of a clean new file.
     */
    private @Nullable String lastSeen;

    CheckpointFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * What the file holds: the checkpoints, a description of each line that is not one or that breaks the chain, and
     * the non-blank lines as written (to compare a witness copy).
     */
    record Contents(List<Checkpoint> checkpoints, List<String> unreadable, List<String> lines, boolean exists) {
        Contents(List<Checkpoint> checkpoints, List<String> unreadable) {
            this(checkpoints, unreadable, List.of(), true);
        }
    }

    Contents read() {
        List<String> all;
        try {
            all = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of(), List.of(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit checkpoint file cannot be read", e);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        String previousHash = AuditChain.GENESIS;
        int previousNumber = 0;
        boolean chained = false;
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i);
            if (line.isBlank()) {
                continue;
            }
            lines.add(line);
            int number = i + 1;
            Checkpoint checkpoint = parse(line);
            if (checkpoint == null) {
                unreadable.add("line " + number + " of the checkpoint file is not a checkpoint");
            } else {
                checkpoints.add(checkpoint);
                if (checkpoint.prev() != null) {
                    chained = true;
                    if (!checkpoint.prev().equals(previousHash)) {
                        unreadable.add(previousNumber == 0
                                ? "line " + number + " of the checkpoint file does not follow the start of the file: lines before it were"
                                        + " removed, or the file was replaced"
                                : "line " + number + " of the checkpoint file does not follow line " + previousNumber
                                        + ": a checkpoint line between them was removed, or one of them was changed");
                    }
                } else if (chained) {
                    unreadable.add("line " + number + " of the checkpoint file is unchained but follows chained lines: not written by Haven");
                }
            }
            previousHash = hash(line);
            previousNumber = number;
        }
        return new Contents(checkpoints, unreadable, lines, true);
    }

    /** The SHA-256 (hex) of a line as written, without its line break: what the next line's {@code prev} holds. */
    static String hash(String line) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static @Nullable Checkpoint parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode seq = node.get("seq");
            JsonNode mac = node.get("mac");
            JsonNode at = node.get("at");
            JsonNode signature = node.get("signature");
            JsonNode prev = node.get("prev");
            if (seq == null || !seq.isIntegralNumber() || mac == null || !mac.isString() || at == null || !at.isString()
                    || signature == null || !signature.isString() || (prev != null && !prev.isString())) {
                return null;
            }
            return new Checkpoint(seq.asLong(), mac.asString(), Instant.parse(at.asString()), signature.asString(),
                    prev == null ? null : prev.asString());
        } catch (JacksonException | DateTimeParseException e) {
            return null;
        }
    }

    static String format(Checkpoint checkpoint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", checkpoint.seq());
        fields.put("mac", checkpoint.mac());
        fields.put("at", checkpoint.at().toString());
        if (checkpoint.prev() != null) {
            fields.put("prev", checkpoint.prev());
        }
        fields.put("signature", checkpoint.signature());
        return JSON.writeValueAsString(fields);
    }

    /** Appends a checkpoint as it is (its {@code prev}, if any, already set). */
    void append(Checkpoint checkpoint) {
        append(prev -> checkpoint);
    }

    /**
     * Appends the checkpoint {@code make} returns for the hash of the file's last line (the genesis for an empty file),
     * under the lock, so that no other process appends between reading that line and writing this one.
     */
    synchronized Checkpoint append(Function<String, Checkpoint> make) {
        try {
            createOwnerOnly();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                String last = lastLine(channel);
                String prev = last != null ? hash(last) : lastSeen != null ? lastSeen : AuditChain.GENESIS;
                Checkpoint checkpoint = make.apply(prev);
                String line = format(checkpoint);
                writeAtEnd(channel, line);
                lastSeen = hash(line);
                return checkpoint;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the audit checkpoint file cannot be written", e);
        }
    }

    /** Appends a line exactly as given (the witness copy of a line written to the checkpoint file). */
    synchronized void appendLine(String line) {
        try {
            createOwnerOnly();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                writeAtEnd(channel, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the audit checkpoint witness copy cannot be written", e);
        }
    }

    /** The last non-blank line of the file, or null when it is missing or empty; remembered for {@link #append}. */
    synchronized @Nullable String lastLine() {
        if (!Files.exists(file)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            String last = lastLine(channel);
            if (last != null) {
                lastSeen = hash(last);
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit checkpoint file cannot be read", e);
        }
    }

    private static @Nullable String lastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return null;
        }
        int length = (int) Math.min(size, TAIL);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long position = size - length;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                break;
            }
        }
        String tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        String[] lines = tail.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return null;
    }

    private static void writeAtEnd(FileChannel channel, String line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        long position = channel.size();
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(true);
    }

    /** The file and its directory, owner-only whatever the umask. */
    private void createOwnerOnly() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
        if (!Files.exists(file)) {
            try {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException e) {
                // another process made it first
            }
        }
    }
}
