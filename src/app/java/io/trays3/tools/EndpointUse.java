package io.trays3.tools;

import io.trays3.operation.Trays3Operation;

/**
 * One way a route calls a trays3 operation. A step whose inputs may take several values (a header set differently on
 * two branches, for example) gives one use per combination.
 *
 * @param routeId       the route's id
 * @param source        the file the route was loaded from
 * @param operation     the operation
 * @param bucket        the bucket, or null when it is only known at run time ({@code dynamic}) or not needed
 *                      (listBuckets, listBucketsDdl)
 * @param key           the object key when the route fixes it, else null (any key)
 * @param prefix        listBucketObjects: the prefix when the route fixes it, else null (any or none)
 * @param versioned     whether a versionId may be given (option or header)
 * @param acl           whether a canned ACL may be given (put operations and putObjectAcl)
 * @param httpMethod    getObjectSignedUrl: GET or PUT; null for the other operations
 * @param dynamic       whether the bucket is only known at run time
 * @param dynamicReason why the bucket is only known at run time, or null
 */
public record EndpointUse(String routeId, String source, Trays3Operation operation, String bucket, String key, String prefix,
                          boolean versioned, boolean acl, String httpMethod, boolean dynamic, String dynamicReason) {
}
