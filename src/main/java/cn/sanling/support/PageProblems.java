package cn.sanling.support;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A {@link ProblemException} thrown while rendering a page (not the JSON API, which {@link ProblemAdvice} answers)
 * becomes the friendly error page with the problem's status: 404 for what is outside the caller's scope, 403 for
 * a role that may not, 409 for a stale or impossible change. Never a stack trace.
 */
@Configuration(proxyBeanMethods = false)
class PageProblems implements WebMvcConfigurer {

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.add(0, PageProblems::resolve);
    }

    private static ModelAndView resolve(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(ex instanceof ProblemException problem) || !(handler instanceof HandlerMethod method)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                || method.hasMethodAnnotation(ResponseBody.class)) {
            return null;
        }
        ModelAndView page = new ModelAndView("error", problem.status());
        page.addObject("status", problem.status().value());
        return page;
    }
}
