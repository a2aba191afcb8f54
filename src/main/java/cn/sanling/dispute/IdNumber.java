package cn.sanling.dispute;

import java.time.DateTimeException;
import java.time.LocalDate;

/** 公民身份号码 checks (GB 11643-1999): 18 characters, a valid birth date and the ISO 7064 MOD 11-2 check digit. */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private IdNumber() {
    }

    public static boolean isValid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        if (Character.toUpperCase(id.charAt(17)) != CHECK[sum % 11]) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            return birth.getYear() >= 1900 && !birth.isAfter(LocalDate.now());
        } catch (DateTimeException e) {
            return false;
        }
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
