package org.loopbench.results;

import com.fasterxml.jackson.databind.JsonNode;

/** The version check every loopbench record shares: a missing "format" is 1, a known one is read, others refused. */
final class RecordFormat {

    private RecordFormat() {
    }

    /**
     * @return the record's format, 1 when it has no "format" key
     * @throws NewerFormatException when "format" is above {@code newest}
     * @throws ResultFormatException when "format" is not a whole number or below 1
     */
    static int of(JsonNode root, String source, int newest, String what) {
        JsonNode f = root.get("format");
        if (f == null) {
            return 1;
        }
        if (!f.isIntegralNumber()) {
            throw new ResultFormatException(source, "\"format\" is " + f + ", not a whole number");
        }
        int format = f.intValue();
        if (format > newest) {
            throw new NewerFormatException(source, what, format, newest);
        }
        if (format < 1) {
            throw new ResultFormatException(source, "\"format\" is " + format + "; formats start at 1");
        }
        return format;
    }
}
