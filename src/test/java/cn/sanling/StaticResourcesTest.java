package cn.sanling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;

/**
 * Styles, scripts and Swagger UI are served at fixed URLs without Spring's resource chain: its URL filter (switched
 * on by springdoc's webjars-locator-lite) looked every link of every page up as a static file in the jar, most of a
 * worklist page's CPU (bench/README.md, twenty-third session).
 */
@SanlingIntegrationTest
class StaticResourcesTest {

    @Autowired
    TestApi api;
    @Autowired
    ApplicationContext context;

    @Test
    void page_links_are_not_rewritten_by_the_resource_chain() {
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                .extracting(FilterRegistrationBean::getFilter)
                .noneMatch(ResourceUrlEncodingFilter.class::isInstance);
        assertThat(context.getBeanNamesForType(ResourceUrlEncodingFilter.class)).isEmpty();
    }

    @Test
    void our_styles_scripts_and_the_charts_webjar_are_served() {
        for (String[] asset : new String[][] {{"/css/sanling.css", "text/css"}, {"/css/oversight.css", "text/css"},
                {"/js/dashboard.js", "text/javascript"},
                {"/webjars/echarts/5.3.1/dist/echarts.min.js", "text/javascript"}}) {
            ApiResponse r = api.anonymous().get(asset[0]);

            assertThat(r.status()).as(asset[0]).isEqualTo(200);
            assertThat(r.contentType()).as(asset[0]).startsWith(asset[1]);
        }
    }

    @Test
    void swagger_ui_finds_its_version_less_webjar_files() {
        ApiResponse r = api.anonymous().get("/swagger-ui/swagger-ui-bundle.js");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/javascript");
    }
}
