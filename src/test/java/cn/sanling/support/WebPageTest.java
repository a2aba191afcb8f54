package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Page controllers are {@link WebPage}s, so the page-model advices (the nav's signed-in user, the language links)
 * reach every page, and no JSON API controller: a page left a plain {@code @Controller} would render without them.
 */
class WebPageTest {

    @Test
    void every_controller_is_a_web_page_or_answers_json_and_the_model_advices_target_only_pages() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        scan.addIncludeFilter(new AnnotationTypeFilter(ControllerAdvice.class));
        List<String> pages = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        List<String> advices = new ArrayList<>();
        for (BeanDefinition bean : scan.findCandidateComponents("cn.sanling")) {
            Class<?> type = ClassUtils.resolveClassName(bean.getBeanClassName(), null);
            if (AnnotatedElementUtils.hasAnnotation(type, ControllerAdvice.class)) {
                ControllerAdvice advice = AnnotatedElementUtils.findMergedAnnotation(type, ControllerAdvice.class);
                advices.add(type.getSimpleName());
                assertThat(advice.annotations()).as(type.getName())
                        .containsAnyOf(WebPage.class, RestController.class)
                        .doesNotContain(Controller.class);
            } else if (AnnotatedElementUtils.hasAnnotation(type, WebPage.class)) {
                pages.add(type.getSimpleName());
            } else if (!AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class)) {
                plain.add(type.getName());
            }
        }

        assertThat(plain).as("controllers that render pages but are not @WebPage").isEmpty();
        assertThat(pages).contains("CasePages", "LoginPageController", "ErrorPages", "DashboardPages");
        assertThat(advices).contains("CurrentActorModel", "LanguageLinks");
    }
}
