package cn.sanling.account;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.sanling.region.Scope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document at /v3/api-docs: bearer tokens, and the current-user parameters hidden from clients. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // resolved from the token, never sent by clients
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class, Scope.class);
    }

    @Bean
    OpenAPI sanlingOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Sanling API").version("v1")
                        .description("三零 grid dispute case management. Get a token from POST /api/v1/auth/token and "
                                + "send it as 'Authorization: Bearer <token>'. Errors are RFC 9457 Problem Details."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
