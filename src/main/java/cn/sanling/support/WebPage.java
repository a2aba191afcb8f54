package cn.sanling.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Controller;

/**
 * A controller of the web UI (server-rendered pages): what the page-model advices (the signed-in user for the nav,
 * the language links) apply to. Matching {@code @Controller} instead also matched every {@code @RestController}, so
 * each JSON API call looked the advices up and ran their model methods for a model nobody renders (1.2-1.6% of the
 * request threads' samples in JFR profiles of intake, bench/README.md).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface WebPage {
}
