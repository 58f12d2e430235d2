package io.trays3.metrics;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What S3 requests and data transfer cost, per region, for the cost estimate: by default the us-east-1 list prices of
 * S3 Standard for every region, each overridable per region (or for all with {@code *}) by the component option
 * {@code costPrices}:
 *
 * <pre>
 *   put-copy-post-list   USD 0.005  per 1,000 PUT, COPY, POST and LIST requests
 *   get-head             USD 0.0004 per 1,000 GET, HEAD and other requests
 *   delete-cancel        USD 0      (S3 does not charge DELETE and CANCEL requests)
 *   transfer-out         USD 0.09   per GB (2^30 bytes) downloaded
 * </pre>
 *
 * <p>The transfer price is the first tier out to the internet, with no free allowance; reading from the same region
 * (EC2, ECS, Lambda there) is free: set {@code *.transfer-out=0} there.
 */
public final class PriceTable {

    /** The key of a price: a request class tag, or this one for data transfer out. */
    public static final String TRANSFER_OUT = "transfer-out";
    /** The region key that applies to every region without a price of its own. */
    public static final String ANY_REGION = "*";

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final double BYTES_PER_GB = 1024d * 1024 * 1024;
    private static final Map<String, BigDecimal> LIST_PRICES = Map.of(
            RequestClass.PUT_COPY_POST_LIST.tag(), new BigDecimal("0.005"),
            RequestClass.GET_HEAD.tag(), new BigDecimal("0.0004"),
            RequestClass.DELETE_CANCEL.tag(), BigDecimal.ZERO,
            TRANSFER_OUT, new BigDecimal("0.09"));

    /** Region, then price key, then USD (per 1,000 requests, or per GB). */
    private final Map<String, Map<String, BigDecimal>> overrides;

    private PriceTable(Map<String, Map<String, BigDecimal>> overrides) {
        this.overrides = overrides;
    }

    /** The us-east-1 list prices for every region. */
    public static PriceTable listPrices() {
        return new PriceTable(Map.of());
    }

    /**
     * The list prices with overrides: comma-separated {@code REGION.KEY=USD} entries, where KEY is
     * {@code put-copy-post-list} or {@code get-head} (USD per 1,000 requests), {@code delete-cancel}, or
     * {@code transfer-out} (USD per GB), and REGION a region id or {@code *} for every region without its own entry.
     *
     * @throws IllegalArgumentException naming the entry that is not of that form
     */
    public static PriceTable parse(String text) {
        Map<String, Map<String, BigDecimal>> overrides = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return listPrices();
        }
        for (String entry : text.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            int dot = equals < 0 ? -1 : item.lastIndexOf('.', equals);
            String region = dot < 0 ? "" : item.substring(0, dot).trim().toLowerCase(Locale.ROOT);
            String key = dot < 0 ? "" : item.substring(dot + 1, equals).trim().toLowerCase(Locale.ROOT);
            BigDecimal price = dot < 0 ? null : number(item.substring(equals + 1).trim());
            if (region.isEmpty() || !LIST_PRICES.containsKey(key) || price == null || price.signum() < 0) {
                throw new IllegalArgumentException("trays3: option 'costPrices' entry '" + item + "' is not REGION.KEY=USD;"
                                                   + " allowed: a region id or *, then ." + String.join(", .",
                                                   LIST_PRICES.keySet().stream().sorted().toList())
                                                   + ", then = and a price of 0 or more (for example"
                                                   + " eu-west-1.transfer-out=0.09)");
            }
            overrides.computeIfAbsent(region, r -> new LinkedHashMap<>()).put(key, price);
        }
        return new PriceTable(overrides);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** USD per 1,000 requests of the class in the region. */
    public BigDecimal per1000(String region, RequestClass requestClass) {
        return price(region, requestClass.tag());
    }

    /** USD per GB downloaded in the region. */
    public BigDecimal perGbOut(String region) {
        return price(region, TRANSFER_OUT);
    }

    /** USD of one request of the class in the region. */
    public double request(String region, RequestClass requestClass) {
        return per1000(region, requestClass).divide(THOUSAND).doubleValue();
    }

    /** USD of downloading that many bytes in the region. */
    public double transferOut(String region, long bytes) {
        return perGbOut(region).doubleValue() * bytes / BYTES_PER_GB;
    }

    private BigDecimal price(String region, String key) {
        Map<String, BigDecimal> own = region == null ? null : overrides.get(region.toLowerCase(Locale.ROOT));
        if (own != null && own.containsKey(key)) {
            return own.get(key);
        }
        Map<String, BigDecimal> any = overrides.get(ANY_REGION);
        if (any != null && any.containsKey(key)) {
            return any.get(key);
        }
        return LIST_PRICES.get(key);
    }

    /** The overrides as given, region by region. */
    @Override
    public String toString() {
        return overrides.isEmpty() ? "us-east-1 list prices" : "us-east-1 list prices with " + overrides;
    }
}
