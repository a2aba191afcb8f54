package cn.sanling.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** sanling.demo.*: whether to load demo data, and how many demo cases. */
@Validated
@ConfigurationProperties("sanling.demo")
record DemoProperties(boolean enabled, @Min(0) @Max(100_000) int cases) {
}
