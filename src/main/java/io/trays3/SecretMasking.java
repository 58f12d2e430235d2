package io.trays3;

import org.apache.camel.util.URISupport;

/** Masks secret option values in URIs the way Camel masks them in its logs, with trays3's externalId among the names. */
public final class SecretMasking {

    static {
        // Camel already masks accessKey, secretKey and sessionToken; externalId is trays3's own
        URISupport.addSanitizeKeywords("externalId");
    }

    private SecretMasking() {
    }

    /** Makes Camel's own URI masking cover every trays3 secret option; the first call does the work. */
    public static void register() {
        // the static initializer has run by now
    }

    /** The URI, or a text that holds URIs, with the values of secret options masked. */
    public static String mask(String uri) {
        return uri == null ? null : URISupport.sanitizeUri(uri);
    }
}
