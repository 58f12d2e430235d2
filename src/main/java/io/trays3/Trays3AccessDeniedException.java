package io.trays3;

import java.util.List;

/** S3 answered AccessDenied: names the IAM actions and the resource the credentials need. */
public class Trays3AccessDeniedException extends Trays3ServiceException {

    private static final long serialVersionUID = 1L;

    private final List<String> requiredActions;
    private final String resource;

    public Trays3AccessDeniedException(String operation, String bucket, String key, int statusCode, String requestId,
                                       List<String> requiredActions, String resource, String message, Throwable cause) {
        super(operation, bucket, key, "AccessDenied", statusCode, requestId, message, cause);
        this.requiredActions = List.copyOf(requiredActions);
        this.resource = resource;
    }

    /** The IAM actions the operation needs, for example {@code s3:PutObject}. */
    public List<String> getRequiredActions() {
        return requiredActions;
    }

    /** The resource ARN the actions must be allowed on. */
    public String getResource() {
        return resource;
    }
}
