package cn.sanling.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import cn.sanling.testing.SanlingIntegrationTest;

/** Two requests of one session that add the same new attribute both succeed; the later one's value is kept. */
@SanlingIntegrationTest
class WebSessionStoreTest {

    @Autowired
    JdbcIndexedSessionRepository repository;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void two_requests_adding_the_same_attribute_at_once_both_save() {
        @SuppressWarnings("unchecked")
        SessionRepository<Session> sessions = (SessionRepository<Session>) (SessionRepository<?>) repository;
        Session created = sessions.createSession();
        sessions.save(created);
        // each request loads the session before the other saved: both see the attribute as new
        Session first = sessions.findById(created.getId());
        Session second = sessions.findById(created.getId());
        first.setAttribute("org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS", "first");
        second.setAttribute("org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS", "second");

        sessions.save(first);
        sessions.save(second); // without the upsert: DuplicateKeyException on SPRING_SESSION_ATTRIBUTES

        assertThat(sessions.findById(created.getId()).<String>getAttribute(
                "org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS")).isEqualTo("second");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION_ATTRIBUTES WHERE SESSION_PRIMARY_ID = "
                + "(SELECT PRIMARY_ID FROM SPRING_SESSION WHERE SESSION_ID = ?)", Integer.class, created.getId()))
                .isEqualTo(1);
        sessions.deleteById(created.getId());
    }
}
