package cn.sanling.account;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.sanling.region.Scope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document at /v3/api-docs: bearer tokens, the current-user parameters hidden from clients, and every
 * error as RFC 9457 Problem Details (SPEC §7).
 */
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

    /** Every operation's other answers (400, 401, 403, 404, 409, ...) are a Problem, as ProblemAdvice writes it. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema())
                    .addProperty("message", new StringSchema());
            Schema<?> problem = new ObjectSchema().description("RFC 9457 Problem Details")
                    .properties(Map.of("type", new StringSchema().format("uri"), "title", new StringSchema(),
                            "status", new IntegerSchema(), "detail", new StringSchema(),
                            "instance", new StringSchema().format("uri-reference"),
                            "errors", new ArraySchema().items(fieldError).description("on validation failures (400)")));
            api.getComponents().addSchemas("Problem", problem);
            ApiResponse error = new ApiResponse().description("An error: 400 invalid input (errors per field), 401 no "
                    + "or a bad token, 403 a role that may never do it, 404 unknown or outside your area, 409 an "
                    + "invalid transition or a stale expectedVersion")
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            api.getPaths().values().forEach(path -> path.readOperations()
                    .forEach(op -> op.getResponses().addApiResponse("default", error)));
        };
    }
}
