package cn.sanling.support;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the layout's language links ({@code ?lang=zh_CN|en}) lead: the page itself when it was reached by GET, the home
 * page when it was rendered in answer to a form POST (a form with errors, a revealed party), whose URL may have no GET
 * (following it answered 405). A page with a GET address of its own sets {@code languageBase} to it.
 */
@ControllerAdvice(annotations = WebPage.class)
class LanguageLinks {

    static final String MODEL = "languageBase";

    @ModelAttribute(MODEL)
    String languageBase(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? "" : "/";
    }
}
