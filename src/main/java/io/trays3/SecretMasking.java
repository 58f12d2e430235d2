package io.trays3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.util.URISupport;

/**
 * Masks secrets: option values in URIs the way Camel masks them in its logs (with trays3's externalId among the names),
 * and, in any text such as a log line, the credentials trays3 has used and what the SDK and its HTTP client print of them.
 */
public final class SecretMasking {

    /** What a masked value is replaced with, as Camel's URI masking does. */
    public static final String MASK = "xxxxxx";

    // shorter values would mask ordinary words; a credential this short is caught by the patterns where it travels
    private static final int SHORTEST_REMEMBERED = 6;
    // assumed-role credentials change at each refresh: keep the recent ones, not every one a long-running JVM has seen
    private static final int REMEMBERED = 256;

    /**
     * Where credentials travel in what the SDK and Apache HttpClient log (their wire and header loggers): the access key
     * id and signature of an Authorization header or a presigned URL, the session token header or query parameter, what
     * STS and the metadata endpoints answer (XML, JSON), what STS is sent (a form) and what S3 answers to a refused
     * signature (the access key id and signature provided). Group 1 is kept, group 2 masked.
     */
    private static final Pattern TRAVELLING = Pattern.compile(
            "(?i)(credential=)([^/\\s,&\"%\\[]+)"
            + "|(signature=)([0-9a-f]+)"
            + "|(x-amz-security-token(?:\\s*[:=]\\s*|\\s*,\\s*value=))([^\\s&\",\\[\\])]+)"
            + "|(<(?:SecretAccessKey|SessionToken|AccessKeyId|AWSAccessKeyId|Token|ExternalId|SignatureProvided)>)([^<\\[]+)"
            + "|(\"(?:SecretAccessKey|SessionToken|AccessKeyId|Token|ExternalId)\"\\s*:\\s*\")([^\"\\[]+)"
            + "|((?:ExternalId|SecretAccessKey|SessionToken|WebIdentityToken|SecurityToken)=)([^&\\s\",)\\[]+)"
            // a secret property or option with its value, as Camel logs its configuration at DEBUG: secretKey=...,
            // camel.component.trays3.secret-key=..., {{env:TRAYS3_SECRET_KEY:default}}
            + "|((?<![a-z])(?:access[-_]?key|secret[-_]?(?:access[-_]?)?key|session[-_]?token|external[-_]?id)\\s*[=:]\\s*)"
            + "([^\\s&\",)\\[\\]{}]+)");
    // the group of the last alternative: a value found there is remembered, for the lines that then print it alone
    private static final int PROPERTY_VALUE = 14;

    // both guarded by RESOLVED_SECRETS; configured ones are few (one set per configuration) and kept for good
    private static final Set<String> CONFIGURED_SECRETS = new LinkedHashSet<>();
    private static final Set<String> RESOLVED_SECRETS = new LinkedHashSet<>();
    private static volatile String[] remembered = new String[0];

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

    /**
     * Remembers a configured secret (a key, a token, an external id) for good, as it is and URL-encoded, so that
     * {@link #maskSecrets(String)} masks it wherever it appears; blank and very short values are not remembered.
     */
    public static void remember(String secret) {
        remember(secret, CONFIGURED_SECRETS);
    }

    /**
     * Remembers a secret resolved at run time (credentials from a bean, a profile, the default chain or STS) among the
     * recent ones: they change at each refresh, and one still in use is remembered again when it is next resolved.
     */
    public static void rememberWhileRecent(String secret) {
        remember(secret, RESOLVED_SECRETS);
    }

    private static void remember(String secret, Set<String> into) {
        if (secret == null || secret.isBlank() || secret.length() < SHORTEST_REMEMBERED) {
            return;
        }
        for (String value : remembered) {
            if (value.equals(secret)) {
                return;
            }
        }
        synchronized (RESOLVED_SECRETS) {
            into.add(secret);
            into.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            for (Iterator<String> oldest = RESOLVED_SECRETS.iterator(); RESOLVED_SECRETS.size() > REMEMBERED; ) {
                oldest.next();
                oldest.remove();
            }
            Set<String> all = new LinkedHashSet<>(CONFIGURED_SECRETS);
            all.addAll(RESOLVED_SECRETS);
            remembered = all.toArray(String[]::new);
        }
    }

    /**
     * The text (a log line, a message) with every remembered secret masked, and every credential in the places the SDK
     * and its HTTP client print them: access key ids and signatures, session tokens, what STS answers and is sent.
     */
    public static String maskSecrets(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : remembered) {
            if (masked.contains(secret)) {
                masked = maskWhole(masked, secret);
            }
        }
        Matcher m = TRAVELLING.matcher(masked);
        if (!m.find()) {
            return masked;
        }
        StringBuilder out = new StringBuilder(masked.length());
        do {
            int group = 1;
            while (m.group(group) == null) {
                group += 2;
            }
            if (group + 1 == PROPERTY_VALUE && !m.group(PROPERTY_VALUE).equals(MASK)) {
                rememberWhileRecent(m.group(PROPERTY_VALUE));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(group) + MASK));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The text with the secret masked where it stands whole: not where it is part of a longer name or path (an access
     * key id {@code trays3-demo} leaves the bucket {@code trays3-demo-reports} and the folder
     * {@code target/trays3-demo/inbox} alone).
     */
    private static String maskWhole(String text, String secret) {
        StringBuilder out = null;
        int from = 0;
        for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
            int end = at + secret.length();
            if (at < from || partOfAName(text, at - 1) || partOfAName(text, end)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, from, at).append(MASK);
            from = end;
        }
        return out == null ? text : out.append(text, from, text.length()).toString();
    }

    private static boolean partOfAName(String text, int index) {
        if (index < 0 || index >= text.length()) {
            return false;
        }
        char c = text.charAt(index);
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/';
    }
}
