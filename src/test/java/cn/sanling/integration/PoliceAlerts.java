package cn.sanling.integration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * Test data builder for 110 alert bodies (SPEC §8); the defaults give a valid domestic-violence alert from 交口村 with
 * a named caller. Every alert gets a fresh {@code alertId}.
 */
final class PoliceAlerts {

    /** The 110 secret of the test profile (application-test.yml). */
    static final String SECRET = "sanling-test-suite-110-secret";
    /** 交口村, 湖滨区: inside the test profile's 110 area (411202). */
    static final String JIAOKOU = "411202201200";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    // keeps ids unique should a test ever run against a database kept from an earlier run
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);

    private final Map<String, Object> body = new LinkedHashMap<>();

    private PoliceAlerts(String type) {
        body.put("alertId", newAlertId());
        body.put("receivedAt", Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.ofHours(8)).toString());
        body.put("type", type);
        body.put("villageCode", JIAOKOU);
        body.put("address", "湖滨区交口乡交口村三组 12 号");
        body.put("summary", "报警人称丈夫酒后动手，现已分开，无人受伤。");
        body.put("callerName", "王芳");
        body.put("callerPhone", "13912345678");
    }

    static String newAlertId() {
        return "JJ" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    static PoliceAlerts domesticViolence() {
        return new PoliceAlerts("DOMESTIC_VIOLENCE");
    }

    static PoliceAlerts ofType(String type) {
        return new PoliceAlerts(type);
    }

    PoliceAlerts with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    PoliceAlerts without(String field) {
        body.remove(field);
        return this;
    }

    String alertId() {
        return (String) body.get("alertId");
    }

    Map<String, Object> json() {
        return body;
    }

    byte[] bytes() {
        return JSON.writeValueAsBytes(body);
    }
}
