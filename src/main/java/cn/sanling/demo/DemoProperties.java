package cn.sanling.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * sanling.demo.*: whether to load demo data, how many demo cases, and whether the households and cases load on a
 * background thread after start-up (default) or before the application is ready (the test suite, which reads them
 * at once).
 */
@Validated
@ConfigurationProperties("sanling.demo")
record DemoProperties(boolean enabled, @Min(0) @Max(100_000) int cases, @DefaultValue("true") boolean background) {
}
