package org.loopbench.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a run file as the text every writer of the run directory produces: UTF-8. A file that does not
 * decode holds binary data (a disk error, a file overwritten by something else) and is refused with a
 * {@link ResultFormatException} naming it, never a bare {@link java.nio.charset.MalformedInputException}
 * that reads like a failing disk.
 *
 * <p>Thread-safe: no state.
 */
public final class RunFileText {

    private RunFileText() {
    }

    /**
     * @throws IOException           when the file cannot be read at all (missing, a directory, no permission)
     * @throws ResultFormatException naming the file when its bytes are not UTF-8 text
     */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ResultFormatException(file.toString(), "it is not UTF-8 text (binary data, or another encoding)", e);
        }
    }
}
