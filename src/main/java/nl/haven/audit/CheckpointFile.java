package nl.haven.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checkpoint file: one JSON object a line, {@code {"seq":1000,"mac":"…","at":"…","signature":"…"}},
 * appended only. Appends are serialised within this process and locked against other processes (the
 * command line beside a running server).
 */
final class CheckpointFile {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;

    CheckpointFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** What the file holds: the checkpoints, and a description of each line that is not one. */
    record Contents(List<Checkpoint> checkpoints, List<String> unreadable) {
    }

    Contents read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("the audit checkpoint file cannot be read", e);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Checkpoint checkpoint = parse(line);
            if (checkpoint == null) {
                unreadable.add("line " + (i + 1) + " of the checkpoint file is not a checkpoint");
            } else {
                checkpoints.add(checkpoint);
            }
        }
        return new Contents(checkpoints, unreadable);
    }

    static Checkpoint parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode seq = node.get("seq");
            JsonNode mac = node.get("mac");
            JsonNode at = node.get("at");
            JsonNode signature = node.get("signature");
            if (seq == null || !seq.isIntegralNumber() || mac == null || !mac.isString() || at == null || !at.isString()
                    || signature == null || !signature.isString()) {
                return null;
            }
            return new Checkpoint(seq.asLong(), mac.asString(), Instant.parse(at.asString()), signature.asString());
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static String format(Checkpoint checkpoint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seq", checkpoint.seq());
        fields.put("mac", checkpoint.mac());
        fields.put("at", checkpoint.at().toString());
        fields.put("signature", checkpoint.signature());
        return JSON.writeValueAsString(fields);
    }

    synchronized void append(Checkpoint checkpoint) {
        byte[] line = (format(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix && !Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another process made it first
                }
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the audit checkpoint file cannot be written", e);
        }
    }
}
