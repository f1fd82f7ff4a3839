package nl.haven.protection.internal;

import java.nio.file.Path;

/** A key file Haven refuses to use; the message names the file and what to do, never its content. */
public class KeyFileException extends RuntimeException {
    public KeyFileException(Path file, String problem) {
        super("key file " + file + " " + problem);
    }
}
