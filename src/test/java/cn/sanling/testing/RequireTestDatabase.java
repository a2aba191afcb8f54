package cn.sanling.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Applied to every test class (JUnit extension auto-detection, see junit-platform.properties): skips the run when
 * MariaDB is absent outside CI, and fails every test class with the reason when it is absent in CI.
 */
public class RequireTestDatabase implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestDatabase.Readiness readiness = TestDatabase.prepareOnce();
        return readiness.skip() ? ConditionEvaluationResult.disabled(readiness.problem())
                : ConditionEvaluationResult.enabled("test database " + TestDatabase.current() + " ready");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.Readiness readiness = TestDatabase.prepareOnce();
        if (!readiness.ready() && !readiness.skip()) {
            throw new IllegalStateException(readiness.problem());
        }
    }
}
