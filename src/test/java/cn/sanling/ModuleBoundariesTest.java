package cn.sanling;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a module (STYLE.md): modules use each other's public API only, and depend on each
 * other without cycles. Fails with the list of violations.
 */
class ModuleBoundariesTest {

    @Test
    void modules_only_use_each_others_public_api_and_have_no_cycles() {
        ApplicationModules.of(SanlingApplication.class).verify();
    }
}
