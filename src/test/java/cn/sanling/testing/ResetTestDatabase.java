package cn.sanling.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Recreates the MariaDB test database when the JUnit Platform session opens, i.e. once per test JVM and before
 * any Spring context starts. Registered in META-INF/services.
 */
public class ResetTestDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestDatabase.prepareOnce();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestDatabase.release();
    }
}
