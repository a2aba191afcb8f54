package cn.sanling.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.support.PageResult;
import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;

/** Users and their scopes, login bookkeeping (failures, lockout) and user administration. */
@Service
public class AccountService {

    private final UserMapper users;
    private final PasswordEncoder passwordEncoder;
    private final RegionService regions;
    private final AuditLog audit;
    private final SecurityProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;

    AccountService(UserMapper users, PasswordEncoder passwordEncoder, RegionService regions, AuditLog audit,
            SecurityProperties properties, Clock clock, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.regions = regions;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** The enabled user with this name, as an actor. */
    public Optional<Actor> actor(String username) {
        return Optional.ofNullable(users.findByUsername(username)).filter(UserAccount::enabled).map(UserAccount::actor);
    }

    /**
     * The enabled user with this name, as an actor, for a token issued or a session signed in at {@code since}:
     * empty once the password was changed or reset after it, so those credentials end with the old password.
     */
    public Optional<Actor> actor(String username, Instant since) {
        return Optional.ofNullable(users.findByUsername(username)).filter(UserAccount::enabled)
                .filter(u -> u.credentialsValidSince(since)).map(UserAccount::actor);
    }

    /**
     * The people's names (姓名) of these usernames, for pages and documents that show who acted: a username without
     * an account (the system, a removed user) is left out, and shown as it is.
     */
    public Map<String, String> displayNames(Collection<String> usernames) {
        List<String> names = usernames.stream().filter(u -> u != null && !u.isBlank()).distinct().toList();
        Map<String, String> found = new HashMap<>();
        if (!names.isEmpty()) {
            users.displayNames(names).forEach(r -> found.put(r.get("username"), r.get("name")));
        }
        return found;
    }

    Optional<UserAccount> account(String username) {
        return Optional.ofNullable(users.findByUsername(username));
    }

    /** Records a failed login; the configured number in a row locks the account. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void loginFailed(String username, String reason) {
        Instant now = clock.instant();
        UserAccount user = users.findByUsername(username);
        audit.record(AuditEvent.of(username, user == null ? null : user.role().name(), "LOGIN").failed()
                .target("USER", username).detail(reason));
        if (user == null || user.lockedAt(now)) {
            return;
        }
        users.incrementFailures(username, now);
        // read back under the row lock the increment holds, so concurrent failures are all counted
        int failures = users.findByUsername(username).failedAttempts();
        if (failures >= properties.maxFailedLogins()) {
            users.lock(username, now.plus(properties.lockout()), now);
            audit.record(AuditEvent.of("system", null, "LOCKOUT").target("USER", username)
                    .detail(failures + " failed logins; locked for " + properties.lockout()));
        }
    }

    /** Records a login refused for another reason than the password (locked, disabled); counts nothing. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusedLogin(String username, String reason) {
        UserAccount user = users.findByUsername(username);
        audit.record(AuditEvent.of(username, user == null ? null : user.role().name(), "LOGIN").failed()
                .target("USER", username).detail(reason));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void loginSucceeded(String username, String channel) {
        UserAccount user = users.findByUsername(username);
        users.resetFailures(username, clock.instant());
        audit.record(AuditEvent.of(username, user == null ? null : user.role().name(), "LOGIN")
                .target("USER", username).detail(channel));
    }

    // ---- administration (ADMIN) ----

    @Transactional(readOnly = true)
    public PageResult<UserView> list(UserFilter filter, int page, int size) {
        Instant now = clock.instant();
        List<UserView> items = users.list(filter, now, page * size, size).stream().map(this::view).toList();
        return new PageResult<>(items, page, size, users.count(filter, now));
    }

    @Transactional(readOnly = true)
    public UserView get(long id) {
        return view(requireUser(id));
    }

    /** Creates a user; the password must satisfy the policy. */
    @Transactional
    public UserView create(Actor admin, NewUser u) {
        List<FieldError> errors = new ArrayList<>();
        if (u.username() == null || !u.username().matches("[A-Za-z0-9_.-]{3,64}")) {
            errors.add(new FieldError("username", "3-64 letters, digits, '_', '.', '-'"));
        } else if (users.findByUsername(u.username()) != null) {
            throw ProblemException.conflict("Username " + u.username() + " is taken");
        }
        PasswordPolicy.violation(u.password(), u.username()).ifPresent(v -> errors.add(new FieldError("password", v)));
        validateRoleAndRegion(u.role(), u.regionCode(), errors);
        refuseMachineRole(u.role(), errors);
        if (u.displayName() == null || u.displayName().isBlank() || u.displayName().length() > 100) {
            errors.add(new FieldError("displayName", "required, at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        Instant now = clock.instant();
        UserAccount row = new UserAccount(null, u.username(), u.displayName(), passwordEncoder.encode(u.password()),
                u.role(), u.regionCode(), true, 0, null, now, now, 0, null);
        users.insert(row);
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "USER_CREATE").target("USER", u.username())
                .detail("role=" + u.role() + " scope=" + u.regionCode()));
        return view(users.findByUsername(u.username()));
    }

    /** Changes display name, role, scope or enabled flag. */
    @Transactional
    public UserView update(Actor admin, long id, UserChange change) {
        UserAccount user = requireUser(id);
        Role role = change.role() != null ? change.role() : user.role();
        String region = change.regionCode() != null ? change.regionCode() : user.regionCode();
        if (!role.needsRegion()) {
            region = null;
        }
        List<FieldError> errors = new ArrayList<>();
        validateRoleAndRegion(role, region, errors);
        if (change.role() != user.role()) {
            refuseMachineRole(change.role(), errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        if (user.username().equals(admin.username()) && Boolean.FALSE.equals(change.enabled())) {
            throw ProblemException.badRequest("enabled", "an administrator cannot disable their own account");
        }
        if (user.username().equals(admin.username()) && role != user.role()) {
            // 三员分立: an administrator who could make itself a supervisor could read every case
            throw ProblemException.badRequest("role", "an administrator cannot change their own role");
        }
        String name = change.displayName() != null ? change.displayName() : user.displayName();
        boolean enabled = change.enabled() != null ? change.enabled() : user.enabled();
        List<String> changed = new ArrayList<>();
        changedField(changed, "name", user.displayName(), name);
        changedField(changed, "role", user.role(), role);
        changedField(changed, "scope", user.regionCode(), region);
        changedField(changed, "enabled", user.enabled(), enabled);
        if (changed.isEmpty()) {
            return view(user); // nothing to write, nothing to audit
        }
        users.update(id, name, role, region, enabled, clock.instant());
        // what it was and what it is, so the trail shows who gave whom which role or area
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "USER_UPDATE").target("USER", user.username())
                .detail(String.join(" ", changed)));
        return view(requireUser(id));
    }

    private static void changedField(List<String> changed, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changed.add(field + "=" + before + "→" + after);
        }
    }

    /**
     * Ends a lockout after failed logins now, instead of when it runs out, and clears the count of failed logins;
     * audited when there was either.
     */
    @Transactional
    public UserView unlock(Actor admin, long id) {
        admin.requireAdmin("manage users");
        UserAccount user = requireUser(id);
        Instant now = clock.instant();
        if (users.resetFailures(user.username(), now) == 1) {
            audit.record(AuditEvent.of(admin.username(), admin.roleName(), "USER_UNLOCK").target("USER",
                    user.username()).detail(user.lockedAt(now) ? "locked until " + user.lockedUntil()
                            : user.failedAttempts() + " failed logins"));
        }
        return view(requireUser(id));
    }

    /** Sets a new password (policy applies) and clears any lockout. */
    @Transactional
    public void resetPassword(Actor admin, long id, String password) {
        UserAccount user = requireUser(id);
        PasswordPolicy.violation(password, user.username()).ifPresent(v -> {
            throw ProblemException.badRequest("password", v);
        });
        users.updatePassword(id, passwordEncoder.encode(password), clock.instant());
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "USER_PASSWORD_RESET").target("USER", user.username()));
    }

    /** How long the named account stays locked (its lockout's full length if it is not locked now). */
    public Duration lockRemaining(String username) {
        UserAccount user = users.findByUsername(username);
        Instant now = clock.instant();
        return user == null || !user.lockedAt(now) ? properties.lockout() : lockRemaining(user, now);
    }

    private static Duration lockRemaining(UserAccount user, Instant now) {
        return Duration.between(now, user.lockedUntil());
    }

    /**
     * A user changes their own password. The current one must match: a wrong one counts as a failed login (so a
     * session left open cannot be used to guess it) and a locked account is refused (423) until its lockout ends.
     * The new one must meet the policy and differ from the current one. Audited (USER_PASSWORD_CHANGE).
     * Not one transaction: the failed attempt is written whatever happens next.
     */
    public void changeOwnPassword(Actor me, String current, String next) {
        UserAccount user = users.findByUsername(me.username());
        if (user == null || !user.enabled()) {
            throw ProblemException.notFound("User " + me.username());
        }
        Instant now = clock.instant();
        if (user.lockedAt(now)) {
            throw new ProblemException(HttpStatus.LOCKED, "locked", "The account is locked after failed attempts; "
                    + "try again later or ask an administrator", null).retryAfter(lockRemaining(user, now));
        }
        List<FieldError> errors = new ArrayList<>();
        if (current == null || current.isEmpty()) {
            errors.add(new FieldError("currentPassword", "required"));
        }
        if (next == null || next.isEmpty()) {
            errors.add(new FieldError("newPassword", "required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        if (!passwordEncoder.matches(current, user.passwordHash())) {
            // in a transaction of its own, as a failed login's is (called here, loginFailed's annotation is not seen)
            transactions.executeWithoutResult(
                    s -> loginFailed(user.username(), "wrong current password when changing it"));
            throw ProblemException.badRequest("currentPassword", "does not match");
        }
        PasswordPolicy.violation(next, user.username()).ifPresent(v -> {
            throw ProblemException.badRequest("newPassword", v);
        });
        if (passwordEncoder.matches(next, user.passwordHash())) {
            throw ProblemException.badRequest("newPassword", "must differ from the current password");
        }
        transactions.executeWithoutResult(status -> {
            users.updatePassword(user.id(), passwordEncoder.encode(next), now);
            audit.record(AuditEvent.of(me.username(), me.roleName(), "USER_PASSWORD_CHANGE")
                    .target("USER", me.username()));
        });
    }

    /** A demo account to create: see {@link #createDemoAccounts}. */
    public record DemoAccount(String username, String displayName, Role role, String regionCode) {
    }

    /**
     * Creates accounts without the password policy, all with the same password; only for demo data, whose
     * well-known password is {@code Sanling@2026}. The password is hashed once (a bcrypt hash costs ~0.1 s, and
     * start-up waits for this). Accounts that already exist are left alone; returns how many were created.
     */
    @Transactional
    public int createDemoAccounts(List<DemoAccount> accounts, String password) {
        String hash = passwordEncoder.encode(password);
        Instant now = clock.instant();
        int created = 0;
        for (DemoAccount a : accounts) {
            if (users.findByUsername(a.username()) == null) {
                users.insert(new UserAccount(null, a.username(), a.displayName(), hash, a.role(), a.regionCode(),
                        true, 0, null, now, now, 0, null));
                created++;
            }
        }
        return created;
    }

    /** SPEC §2: POLICE_110 is machine-to-machine alert intake only; the link signs with its shared secret. */
    private static void refuseMachineRole(Role role, List<FieldError> errors) {
        if (role == Role.POLICE_110) {
            errors.add(new FieldError("role", "the 110 platform signs its requests with the shared secret "
                    + "(sanling.integration.police.secret); it has no account"));
        }
    }

    private void validateRoleAndRegion(Role role, String regionCode, List<FieldError> errors) {
        if (role == null) {
            errors.add(new FieldError("role", "required"));
            return;
        }
        if (!role.needsRegion()) {
            if (regionCode != null) {
                errors.add(new FieldError("regionCode", "must be empty for role " + role));
            }
            return;
        }
        Optional<Region> region = regionCode == null ? Optional.empty() : regions.find(regionCode);
        if (region.isEmpty()) {
            errors.add(new FieldError("regionCode", "unknown region or grid"));
            return;
        }
        RegionLevel level = region.get().level();
        boolean fits = switch (role) {
            case GRID_WORKER -> level == RegionLevel.GRID || level == RegionLevel.VILLAGE;
            case MEDIATOR -> level == RegionLevel.VILLAGE || level == RegionLevel.TOWNSHIP || level == RegionLevel.COUNTY;
            case SUPERVISOR -> level == RegionLevel.TOWNSHIP || level == RegionLevel.COUNTY || level == RegionLevel.CITY
                    || level == RegionLevel.PROVINCE;
            default -> false;
        };
        if (!fits) {
            errors.add(new FieldError("regionCode", role + " cannot be attached to a " + level));
        }
    }

    private UserAccount requireUser(long id) {
        UserAccount user = users.findById(id);
        if (user == null) {
            throw ProblemException.notFound("User " + id);
        }
        return user;
    }

    private UserView view(UserAccount u) {
        String regionName = u.regionCode() == null ? null : regions.find(u.regionCode()).map(Region::name).orElse(null);
        return new UserView(u.id(), u.username(), u.displayName(), u.role(), u.regionCode(), regionName, u.enabled(),
                u.lockedAt(clock.instant()) ? u.lockedUntil() : null, u.createdAt());
    }

    /** A user as ADMIN sees it (never the password hash); scope members present even when null. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record UserView(long id, String username, String displayName, Role role, String regionCode,
            String regionName, boolean enabled, Instant lockedUntil, Instant createdAt) {
    }

    public record NewUser(String username, String displayName, String password, Role role, String regionCode) {
    }

    public record UserChange(String displayName, Role role, String regionCode, Boolean enabled) {
    }
}
