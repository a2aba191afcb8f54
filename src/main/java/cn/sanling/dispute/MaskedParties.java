package cn.sanling.dispute;

import java.util.List;
import java.util.function.Function;

import cn.sanling.support.Masking;

/**
 * A case's parties as the 台账 shows them, kept on the case row ({@code dispute.parties_masked}, V18): "ROLE name ROLE
 * name ..." in party order, each name masked (张*, 欧***), never the name itself. Parties do not change after intake,
 * so the value is written once, with them. Neither token holds a space: the role is a {@link PartyRole} code, and a
 * masked name is its first character and asterisks (a space there, or an empty name, neither of which
 * input has, becomes an asterisk).
 */
public final class MaskedParties {

    private MaskedParties() {
    }

    /** The value for {@code parties} in party order; "" for none. */
    public static <T> String of(List<T> parties, Function<T, String> role, Function<T, String> plainName) {
        StringBuilder s = new StringBuilder(16 * parties.size());
        for (T p : parties) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            String masked = Masking.name(plainName.apply(p));
            masked = masked == null || masked.isEmpty() ? "*" : masked.replace(' ', '*');
            s.append(role.apply(p)).append(' ').append(masked);
        }
        return s.toString();
    }
}
