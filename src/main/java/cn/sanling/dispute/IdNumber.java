package cn.sanling.dispute;

import java.time.DateTimeException;
import java.time.LocalDate;

/** 公民身份号码 checks (GB 11643-1999): 18 characters, a valid birth date and the ISO 7064 MOD 11-2 check digit. */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumber() {
    }

    /** What makes a number give, as people type them. */
    public static final String NOT_18 = "not a valid ID number: 18 characters, 17 digits and a digit or X";
    public static final String NO_BIRTH_DATE = "not a valid ID number: digits 7-14 are no birth date";
    public static final String CHECK_DIGIT = "not a valid ID number: the check digit (GB 11643) does not match";

    public static boolean isValid(String id) {
        return problem(id) == null;
    }

    /** Why the number is not valid ({@link #NOT_18}, {@link #NO_BIRTH_DATE}, {@link #CHECK_DIGIT}); null if it is. */
    public static String problem(String id) {
        if (id == null || id.length() != 18) {
            return NOT_18;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_18;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = Character.toUpperCase(id.charAt(17));
        if (last != 'X' && (last < '0' || last > '9')) {
            return NOT_18;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
                return NO_BIRTH_DATE;
            }
        } catch (DateTimeException e) {
            return NO_BIRTH_DATE;
        }
        return last == CHECK[sum % 11] ? null : CHECK_DIGIT;
    }

    /** The check digit for the first 17 digits (used to build valid test and demo numbers). */
    public static char checkDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
