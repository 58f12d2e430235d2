package io.trays3.tools;

import java.util.List;

/**
 * What {@link RouteScanner} found in a set of route files.
 *
 * @param routes     what was read: the files and folders named, or Camel Main's route patterns
 * @param files      the route files read, in order
 * @param uses       every trays3 endpoint use
 * @param aws2S3Uses the camel-aws2-s3 endpoints (not covered by trays3's tools)
 * @param warnings   what the scanner could not analyse, one line each, naming the route and its file
 * @param widenings  the grants that only steps the analysis cannot see into make necessary
 */
public record ScanResult(String routes, List<String> files, List<EndpointUse> uses, List<Aws2S3Use> aws2S3Uses,
                         List<String> warnings, List<Widening> widenings) {
}
