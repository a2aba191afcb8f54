package cn.sanling.account;

import static cn.sanling.testing.Problems.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import cn.sanling.testing.ApiResponse;
import cn.sanling.testing.Browser;
import cn.sanling.testing.SanlingIntegrationTest;
import cn.sanling.testing.TestApi;
import cn.sanling.testing.TestUsers;
import cn.sanling.testing.TestUsers.TestUser;

/**
 * An administrator finds the account someone called about among thousands (a county's grid workers, a province's
 * hundreds of thousands) by part of its name, its area and its state, instead of paging through all of them.
 */
@SanlingIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUserSearchApiTest {

    @Autowired
    TestApi api;
    @Autowired
    TestUsers users;

    TestUser locked;
    TestUser disabled;
    TestUser other;

    @BeforeAll
    void accounts() {
        locked = users.gridWorker("411202201200001").displayName("搜索测试网格员甲").create();
        for (int i = 1; i <= 5; i++) {
            api.requestToken(locked.username(), "Wrong-Passw0rd-" + i);
        }
        disabled = users.mediator("411202201").displayName("搜索测试调解员乙").create();
        api.as("admin").patch("/api/v1/admin/users/" + disabled.id(), Map.of("enabled", false));
        other = users.supervisor("4112").displayName("搜索测试督导丙").create();
    }

    @Test
    void part_of_a_name_finds_the_accounts_that_have_it() {
        assertThat(usernames("q=" + encode("搜索测试"))).contains(locked.username(), disabled.username(), other.username())
                .doesNotContain("admin", "gw_jiaokou");
        assertThat(usernames("q=" + encode("调解员乙"))).containsExactly(disabled.username());
    }

    @Test
    void part_of_a_username_finds_it_in_any_case() {
        String middle = locked.username().substring(2, locked.username().length() - 1).toUpperCase();

        assertThat(usernames("q=" + encode(middle))).contains(locked.username());
    }

    @Test
    void wildcards_typed_are_matched_as_themselves() {
        assertThat(usernames("q=" + encode("%"))).isEmpty();
        assertThat(usernames("q=" + encode("_"))).allMatch(u -> u.contains("_"));
    }

    @Test
    void an_area_lists_the_accounts_whose_scope_is_in_it() {
        List<String> township = usernames("q=" + encode("搜索测试") + "&regionCode=411202201");

        assertThat(township).contains(locked.username(), disabled.username()).doesNotContain(other.username());
    }

    @Test
    void a_state_lists_the_locked_or_the_disabled_accounts() {
        assertThat(usernames("q=" + encode("搜索测试") + "&state=LOCKED")).containsExactly(locked.username());
        assertThat(usernames("q=" + encode("搜索测试") + "&state=DISABLED")).containsExactly(disabled.username());
        assertThat(usernames("state=LOCKED&role=SUPERVISOR")).doesNotContain(other.username());
    }

    @Test
    void the_total_counts_what_the_filter_matches() {
        ApiResponse r = api.as("admin").get("/api/v1/admin/users?size=1&q=" + encode("搜索测试"));

        assertThat(r.json().path("total").asLong()).isEqualTo(3);
        assertThat(r.json().path("items").size()).isEqualTo(1);
    }

    @Test
    void a_bad_filter_is_400_naming_it() {
        assertValidationError(api.as("admin").get("/api/v1/admin/users?regionCode=4112a"), "regionCode");
        assertValidationError(api.as("admin").get("/api/v1/admin/users?q=" + "x".repeat(65)), "q");
        assertThat(api.as("admin").get("/api/v1/admin/users?state=SLEEPING").status()).isEqualTo(400);
    }

    @Test
    void the_page_filters_the_same_way_and_its_pager_keeps_the_filter() {
        Browser browser = new Browser(api.baseUrl());
        assertThat(browser.signIn("admin", TestApi.DEMO_PASSWORD).status()).isEqualTo(302);

        Browser.Page page = browser.get("/admin/users?q=" + encode("搜索测试") + "&state=LOCKED");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-username=\"" + locked.username() + "\"")
                .doesNotContain("data-username=\"" + disabled.username() + "\"")
                .doesNotContain("data-username=\"admin\"");
        Browser.Page bad = browser.get("/admin/users?regionCode=abc");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"filter-errors\"").contains("data-username=\"admin\"");
        Browser.Page second = browser.get("/admin/users?q=" + encode("搜索测试") + "&state=LOCKED&page=1");
        assertThat(second.body()).as("the link back to the first page keeps the filter")
                .contains("href=\"/admin/users?q=" + encode("搜索测试")
                        + "&amp;role=&amp;regionCode=&amp;state=LOCKED&amp;page=0\"")
                .doesNotContain("id=\"filter-errors\"");
    }

    private List<String> usernames(String query) {
        ApiResponse r = api.as("admin").get("/api/v1/admin/users?size=200&" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("items").valueStream().map(u -> u.path("username").asString()).toList();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
