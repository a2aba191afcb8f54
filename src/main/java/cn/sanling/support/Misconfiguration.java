package cn.sanling.support;

/**
 * A setting the application cannot start with (a missing or demo secret, a key of the wrong shape, a refused first
 * administrator's password). Start-up ends with its message alone, as Spring Boot's failure report
 * ({@link MisconfigurationFailureAnalyzer}), instead of a long stack trace to search.
 */
public class Misconfiguration extends IllegalStateException {

    public Misconfiguration(String message) {
        super(message);
    }

    public Misconfiguration(String message, Throwable cause) {
        super(message, cause);
    }
}
