package io.trays3.model;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** Content types from file name extensions: a table of the common ones, then the JDK's, then octet-stream. */
public final class MimeTypes {

    /** What S3 itself assumes for content of unknown type. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"), Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"), Map.entry("tsv", "text/tab-separated-values"), Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"), Map.entry("css", "text/css"), Map.entry("js", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"), Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"), Map.entry("7z",
            "application/x-7z-compressed"), Map.entry("parquet", "application/vnd.apache.parquet"),
            Map.entry("avro", "application/avro"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"), Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("eml", "message/rfc822"));

    private MimeTypes() {
    }

    /** The content type for a key or file name, {@code application/octet-stream} when nothing is known. */
    public static String forName(String name) {
        if (name == null) {
            return OCTET_STREAM;
        }
        String last = lastSegment(name);
        int dot = last.lastIndexOf('.');
        if (dot >= 0 && dot < last.length() - 1) {
            String known = BY_EXTENSION.get(last.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String guessed = URLConnection.guessContentTypeFromName(last);
        return guessed == null ? OCTET_STREAM : guessed;
    }

    /** The part of a key after its last '/'. */
    public static String lastSegment(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
