package cn.sanling.region;

/**
 * A user's data scope: a region or grid code whose prefix rule decides what the user may see
 * ({@code prefix == null} means the whole system). Used by every region-bound query through the MyBatis
 * fragment {@code cn.sanling.region.ScopeSql.filter}.
 */
public record Scope(String prefix) {

    public static Scope all() {
        return new Scope(null);
    }

    public static Scope of(String code) {
        return new Scope(code);
    }

    /** True if a record in region {@code code} is inside this scope. */
    public boolean covers(String code) {
        return prefix == null || (code != null && code.startsWith(prefix));
    }

    /** True if the organisation node {@code code} may be navigated: inside the scope or one of its ancestors. */
    public boolean canNavigate(String code) {
        return covers(code) || (code != null && prefix.startsWith(code));
    }
}
