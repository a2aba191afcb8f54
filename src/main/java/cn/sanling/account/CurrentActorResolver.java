package cn.sanling.account;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import cn.sanling.region.Scope;

/**
 * Lets controllers take the current {@link Actor} (or just its {@link Scope}) as a parameter. Session users are
 * re-read from the database so a role, scope or enabled change takes effect on the next request.
 */
@Configuration(proxyBeanMethods = false)
class CurrentActorResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final AccountService accounts;

    CurrentActorResolver(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class || parameter.getParameterType() == Scope.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Actor actor = current();
        return parameter.getParameterType() == Scope.class ? actor.scope() : actor;
    }

    Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof ActorAuthentication a) {
            return a.getPrincipal();
        }
        if (auth != null && auth.getPrincipal() instanceof AccountUserDetails d) {
            return accounts.actor(d.getUsername())
                    .orElseThrow(() -> new InsufficientAuthenticationException("account disabled or removed"));
        }
        throw new InsufficientAuthenticationException("not signed in");
    }
}
