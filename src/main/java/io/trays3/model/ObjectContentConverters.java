package io.trays3.model;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.SynchronizationAdapter;

/** Type converters from {@link ObjectContent}: the routes decide when, and whether, the content is read. */
@Converter(generateLoader = true)
public final class ObjectContentConverters {

    private ObjectContentConverters() {
    }

    /** Streams the content (for the file and HTTP producers, and any stream consumer). */
    @Converter
    public static InputStream toInputStream(ObjectContent content) {
        return content.openStream();
    }

    /** Reads the whole content into memory. */
    @Converter
    public static byte[] toBytes(ObjectContent content) {
        return content.readAllBytes();
    }

    /** Decodes the content with the charset of its content type, else the exchange's, else UTF-8. */
    @Converter
    public static String toString(ObjectContent content, Exchange exchange) {
        return new String(content.readAllBytes(), charsetOf(content, exchange));
    }

    /**
     * Spools the content to a temporary file, deleted when the exchange completes: as parallel ranges for a large object
     * (downloadConcurrency), else as one stream. A failed download leaves no file behind.
     */
    @Converter
    public static File toFile(ObjectContent content, Exchange exchange) throws IOException {
        return toPath(content, exchange).toFile();
    }

    /** As {@link #toFile}, as a {@link Path}. */
    @Converter
    public static Path toPath(ObjectContent content, Exchange exchange) throws IOException {
        Path file = Files.createTempFile("trays3-", ".download");
        try {
            content.writeTo(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (exchange != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    file.toFile().delete();
                }
            });
        } else {
            file.toFile().deleteOnExit();
        }
        return file;
    }

    private static Charset charsetOf(ObjectContent content, Exchange exchange) {
        String type = content.getContentType();
        if (type != null) {
            for (String parameter : type.split(";")) {
                String p = parameter.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException e) {
                        break;
                    }
                }
            }
        }
        String exchangeCharset = exchange == null ? null : ExchangeHelper.getCharsetName(exchange, false);
        return exchangeCharset == null ? StandardCharsets.UTF_8 : Charset.forName(exchangeCharset);
    }
}
