/**
 * Integrations with other government systems. Today: the 公安110 command platform (SPEC §8).
 *
 * <ul>
 * <li>Inbound: {@code POST /api/v1/integrations/police-alerts} takes a 110 alert (警情), authenticated by an
 * HMAC-SHA256 signature over the raw body ({@link cn.sanling.integration.HmacSigner}), and opens a case with source
 * {@code POLICE_110} through the dispute module's public command service, once per {@code alertId}.</li>
 * <li>Outbound: when such a case is resolved, closed or referred, a feedback message is written to a transactional
 * outbox in the same transaction as the status change ({@link cn.sanling.integration.FeedbackListener}) and sent,
 * signed the same way, by a relay on every node ({@link cn.sanling.integration.OutboxRelay}) with retries and
 * exponential backoff; messages that keep failing are parked as dead for an ADMIN to re-send
 * ({@code /api/v1/admin/outbox}, page {@code /admin/outbox}).</li>
 * </ul>
 *
 * Configuration: {@code sanling.integration.police.*} ({@link cn.sanling.integration.PoliceProperties}).
 */
package cn.sanling.integration;
