package io.trays3.tools;

/** A route file or the properties file cannot be read, parsed or resolved; the message names the file. */
public class RouteScanException extends Exception {

    private static final long serialVersionUID = 1L;

    public RouteScanException(String message, Throwable cause) {
        super(message, cause);
    }

    public RouteScanException(String message) {
        super(message);
    }
}
