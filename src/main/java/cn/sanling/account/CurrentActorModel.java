package cn.sanling.account;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.sanling.support.WebPage;

/** Puts the signed-in {@link Actor} into every page's model as {@code me} (null on the login page), for the nav. */
@ControllerAdvice(annotations = WebPage.class)
class CurrentActorModel {

    private final CurrentActorResolver resolver;

    CurrentActorModel(CurrentActorResolver resolver) {
        this.resolver = resolver;
    }

    @ModelAttribute("me")
    Actor me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return null;
        }
        return resolver.current();
    }
}
