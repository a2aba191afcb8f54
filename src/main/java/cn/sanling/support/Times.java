package cn.sanling.support;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * How pages show instants: in the county's time zone (templates call {@code ${@times.local(x)}}), and the value a
 * {@code datetime-local} input expects ({@code ${@times.input(x)}}).
 */
@Component("times")
public class Times {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

    public String local(Instant at) {
        return at == null ? "" : LOCAL.format(at);
    }

    public String input(Instant at) {
        return at == null ? "" : INPUT.format(at);
    }

    public String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    /** Now plus some days, for default values of date inputs. */
    public String inputInDays(int days) {
        return INPUT.format(Instant.now().plusSeconds(days * 86_400L));
    }

    /** {@code at} plus some days as a {@code datetime-local} value; blank if {@code at} is null. */
    public String inputPlusDays(Instant at, int days) {
        return at == null ? "" : INPUT.format(at.plusSeconds(days * 86_400L));
    }

    public boolean past(Instant at) {
        return at != null && at.isBefore(Instant.now());
    }
}
