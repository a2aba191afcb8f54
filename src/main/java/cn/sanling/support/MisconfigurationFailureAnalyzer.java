package cn.sanling.support;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link Misconfiguration} into Spring Boot's short "APPLICATION FAILED TO START" report. */
class MisconfigurationFailureAnalyzer extends AbstractFailureAnalyzer<Misconfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Misconfiguration cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set it in the environment or the configuration (README, \"Configuration\") and start again.", cause);
    }
}
