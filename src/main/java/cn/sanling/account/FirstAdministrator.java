package cn.sanling.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import cn.sanling.account.AccountService.NewUser;
import cn.sanling.support.Misconfiguration;
import cn.sanling.support.ProblemException;

/**
 * The first administrator of a new install. Without demo data a database starts with no account at all, and only
 * an ADMIN creates accounts: {@code sanling.bootstrap.admin-password} (env {@code SANLING_ADMIN_PASSWORD}, the
 * password policy applies) creates {@code sanling.bootstrap.admin-username} ({@code admin}) as ADMIN when no
 * administrator exists yet, audited as a user created by {@code system}. Once one exists the setting is ignored (and
 * should be removed). Runs after the demo data's accounts, before the node reports itself ready; several nodes
 * starting at once create one.
 */
@Component
@Order(100)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final UserMapper users;
    private final AccountService accounts;
    private final String username;
    private final String password;

    FirstAdministrator(UserMapper users, AccountService accounts,
            @Value("${sanling.bootstrap.admin-username:admin}") String username,
            @Value("${sanling.bootstrap.admin-password:}") String password) {
        this.users = users;
        this.accounts = accounts;
        this.username = username == null || username.isBlank() ? "admin" : username.strip();
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean asked = password != null && !password.isEmpty();
        if (users.count(new UserFilter(Role.ADMIN, null, null, null), java.time.Instant.now()) > 0) {
            if (asked) {
                log.info("An administrator exists: sanling.bootstrap.admin-password (SANLING_ADMIN_PASSWORD) is not "
                        + "used and can be removed from the configuration");
            }
            return;
        }
        if (!asked) {
            log.warn("No administrator account exists. Start once with SANLING_ADMIN_PASSWORD set (and "
                    + "SANLING_ADMIN_USERNAME, default admin) to create the first one");
            return;
        }
        try {
            accounts.create(Actor.SYSTEM, new NewUser(username, "系统管理员", password, Role.ADMIN, null));
            log.warn("Created the first administrator '{}'. Remove SANLING_ADMIN_PASSWORD from the configuration",
                    username);
        } catch (ProblemException e) {
            if (e.errors().isEmpty()) { // a conflict: another node created it a moment ago
                log.info("The first administrator was created by another node");
                return;
            }
            throw new Misconfiguration("SANLING_ADMIN_PASSWORD / SANLING_ADMIN_USERNAME cannot create the first "
                    + "administrator: " + e.errors().stream().map(f -> f.field() + " " + f.message()).toList(), e);
        } catch (DataIntegrityViolationException createdMeanwhile) {
            log.info("The first administrator was created by another node");
        }
    }
}
