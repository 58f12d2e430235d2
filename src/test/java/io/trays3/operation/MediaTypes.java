package io.trays3.operation;

import java.util.Locale;

/** Compares media types, not strings: S3Proxy rewrites "text/plain; charset=utf-8" as "text/plain;charset=utf-8". */
final class MediaTypes {

    private MediaTypes() {
    }

    static String normalise(String contentType) {
        return contentType == null ? null : contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
